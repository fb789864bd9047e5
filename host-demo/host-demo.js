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
let theme = localStorage.getItem('crm_demo_theme') ?? 'light';
let brand = localStorage.getItem('crm_demo_brand') ?? '';
// Two brands, each for light and dark: a host's colours must keep their contrast in both.
const BRANDS = {
  indigo: {
    '--messenger-color-primary': 'light-dark(#4338ca, #a5b4fc)',
    '--messenger-color-on-primary': 'light-dark(#ffffff, #1e1b4b)',
    '--messenger-color-focus': 'light-dark(#4338ca, #c7d2fe)',
    '--messenger-radius': '12px',
    '--messenger-font-family': 'system-ui, sans-serif',
  },
  teal: {
    '--messenger-color-primary': 'light-dark(#0f766e, #5eead4)',
    '--messenger-color-on-primary': 'light-dark(#ffffff, #042f2e)',
    '--messenger-color-background': 'light-dark(#f0fdfa, #041f1d)',
    '--messenger-radius': '2px',
    '--messenger-spacing': '0.875rem',
  },
};

const element = () => slot.querySelector('messenger-integration');

function render() {
  for (const button of document.querySelectorAll('[data-locale]')) {
    button.setAttribute('aria-pressed', String(button.dataset.locale === locale));
  }
  if (locale) element()?.setAttribute('locale', locale);
  document.documentElement.lang = locale ?? 'en';
  for (const button of document.querySelectorAll('[data-theme]')) {
    button.setAttribute('aria-pressed', String(button.dataset.theme === theme));
  }
  element()?.setAttribute('theme', theme);
  for (const button of document.querySelectorAll('[data-brand]')) {
    button.setAttribute('aria-pressed', String(button.dataset.brand === brand));
  }
  // On the element's wrapper: the properties inherit, as from any ancestor.
  for (const name of new Set(Object.values(BRANDS).flatMap(Object.keys))) slot.style.removeProperty(name);
  for (const [name, value] of Object.entries(BRANDS[brand] ?? {})) slot.style.setProperty(name, value);
}

for (const button of document.querySelectorAll('[data-theme]')) {
  button.addEventListener('click', () => {
    theme = button.dataset.theme;
    localStorage.setItem('crm_demo_theme', theme);
    render();
  });
}

for (const button of document.querySelectorAll('[data-brand]')) {
  button.addEventListener('click', () => {
    brand = button.dataset.brand;
    localStorage.setItem('crm_demo_brand', brand);
    render();
  });
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
    fresh.setAttribute('theme', theme);
    slot.append(fresh);
    toggle.textContent = 'Remove the app';
  }
});

render();
