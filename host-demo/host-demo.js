// The host's side of the embedding (docs/embedding.md): a language switch that sets `locale`,
// badges fed by the app's events, an event log, and removing and re-adding the element.

const EVENTS = [
  'messenger:ready',
  'messenger:integration-change',
  'messenger:awaiting-reply',
  'messenger:navigate',
  'messenger:session-expired',
  'messenger:error',
];
const slot = document.getElementById('crm-slot');
const log = document.getElementById('crm-log');
const toggle = document.getElementById('crm-toggle');
const unread = document.getElementById('crm-unread');
const warning = document.getElementById('crm-warning');
let locale = localStorage.getItem('crm_demo_locale');

const element = () => slot.querySelector('messenger-integration');

function render() {
  for (const button of document.querySelectorAll('[data-locale]')) {
    button.setAttribute('aria-pressed', String(button.dataset.locale === locale));
  }
  if (locale) element()?.setAttribute('locale', locale);
  document.documentElement.lang = locale ?? 'en';
}

for (const button of document.querySelectorAll('[data-locale]')) {
  button.addEventListener('click', () => {
    locale = button.dataset.locale;
    localStorage.setItem('crm_demo_locale', locale);
    render();
  });
}

for (const name of EVENTS) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `${name} ${JSON.stringify(event.detail)}`;
    log.append(item);
    const detail = event.detail;
    if (name === 'messenger:awaiting-reply') {
      unread.hidden = detail.count === 0;
      unread.textContent = `${detail.count} awaiting reply`;
    }
    if (name === 'messenger:integration-change') {
      warning.hidden = detail.state === 'installed' && detail.pages.every((p) => p.health === 'healthy');
    }
  });
}

toggle.addEventListener('click', () => {
  const present = element();
  if (present) {
    present.remove();
    toggle.textContent = 'Add the app again';
  } else {
    const fresh = document.createElement('messenger-integration');
    fresh.setAttribute('base-path', '/host-demo');
    fresh.setAttribute('chrome', 'none');
    if (locale) fresh.setAttribute('locale', locale);
    slot.append(fresh);
    toggle.textContent = 'Remove the app';
  }
});

render();
