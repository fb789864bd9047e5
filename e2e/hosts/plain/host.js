// The plain host's twin of e2e/hosts/react/src/App.jsx, with the DOM's own API.
import './messenger/index.js';
import { BRANDS } from './shared/brands.js';
const EVENTS = ['messenger:ready', 'messenger:navigate', 'messenger:integration-change', 'messenger:error'];

const slot = document.getElementById('crm-slot');
// The element as the page wrote it (its base-path, and assets-base on the CDN page), for adding it again.
const written = slot.querySelector('messenger-integration').cloneNode();
const brand = document.getElementById('crm-brand');
const toggle = document.getElementById('crm-toggle');
const log = document.getElementById('crm-log');

function heard(e) {
  const line = document.createElement('li');
  line.textContent = `${e.type} ${JSON.stringify(e.detail)}`;
  log.append(line);
}

function listen(element) {
  for (const name of EVENTS) element.addEventListener(name, heard);
  element.appearance = BRANDS[brand.value];
}

// Listeners on the element before the module's first event: the element waits for its wasm.
listen(slot.querySelector('messenger-integration'));
brand.addEventListener('change', () => {
  const element = slot.querySelector('messenger-integration');
  if (element) element.appearance = BRANDS[brand.value];
});
toggle.addEventListener('click', () => {
  const element = slot.querySelector('messenger-integration');
  if (element) {
    element.remove();
    toggle.textContent = 'Add the app again';
  } else {
    const again = written.cloneNode();
    listen(again);
    slot.append(again);
    toggle.textContent = 'Remove the app';
  }
});
