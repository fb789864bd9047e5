// Frames the standalone app twice and logs the `messenger:*` messages that reach this page.
const trusted = document.getElementById('trusted');
const wrong = document.getElementById('wrong');
const received = document.getElementById('received');

window.addEventListener('message', (event) => {
  if (event.origin !== location.origin) return;
  const type = String(event.data?.type ?? '');
  if (!type.startsWith('messenger:')) return;
  const from = event.source === trusted.contentWindow ? 'trusted' : event.source === wrong.contentWindow ? 'wrong' : 'unknown';
  const item = document.createElement('li');
  item.textContent = `${from}: ${type} ${JSON.stringify(event.data.detail)}`;
  received.append(item);
});

const framed = (origin) => `/settings/messaging?host_origin=${encodeURIComponent(origin)}`;
trusted.src = framed(location.origin);
wrong.src = framed('https://evil.example');
