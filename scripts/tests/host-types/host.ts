// A host without React, typed against the packed package (scripts/tests/package.test.mjs runs
// tsc on it). Each @ts-expect-error is a use the types must refuse: tsc fails if one is allowed.
import { MessengerIntegration, mount, type ErrorCode, type MountOptions } from '@msg-ui/messenger-integration';
import { define } from '@msg-ui/messenger-integration/pure';
import type { MessengerIntegration as Element } from '@msg-ui/messenger-integration/pure';

const element = document.querySelector('messenger-integration');
const typed: MessengerIntegration | null = element;
const Defined: typeof MessengerIntegration = define('crm-messaging');
const made: Element = new Defined();

element?.addEventListener('messenger:awaiting-reply', (e) => console.log(e.detail.count + e.detail.closing_within_24h));
element?.addEventListener('messenger:integration-change', (e) => {
  const health: 'healthy' | string = e.detail.pages[0]?.health ?? 'healthy';
  // @ts-expect-error: a state the app never sends
  if (e.detail.state === 'broken') console.log(health);
});
element?.addEventListener('messenger:error', (e) => {
  const code: ErrorCode = e.detail.code;
  if (e.detail.code === 'invalid_attribute') console.log(e.detail.attribute, e.detail.value);
  // @ts-expect-error: only invalid_attribute has an attribute
  else console.log(e.detail.attribute);
  // @ts-expect-error: the codes are a closed union
  if (code === 'oops') console.log(code);
});

const options: MountOptions = { view: 'conversations', locale: 'ja', assetsBase: '/static/messenger/' };
const handle = mount(made, options);
handle.setLocale('en');
// @ts-expect-error: a language the app does not speak
handle.setLocale('de');
// @ts-expect-error: a part there is not
mount(made, { view: 'reports' });
console.log(typed, handle.ready);
