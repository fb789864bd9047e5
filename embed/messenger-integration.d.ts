// Types for dist/messenger-integration.js. See docs/embedding.md.

/** Options of mount(); the element's attributes map onto them one to one. */
export interface MountOptions {
  /** Base URL of the backend REST API (attribute `api-base`). Default `/api`. */
  apiBase?: string;
  /** `ja` or `en` (attribute `locale`). Absent: the remembered choice, then the browser's. */
  locale?: 'ja' | 'en';
  /** The session's CSRF token (attribute `csrf-token`). Absent: taken from `GET /api/me`. */
  csrfToken?: string;
  /** URL prefix under which the host serves the app's routes (attribute `base-path`), e.g. `/crm`. Default empty. */
  basePath?: string;
  /** Pin the app to one part, without its own section links (attribute `view`). Absent: the full app. */
  view?: 'settings' | 'conversations';
  /** `none` hides the app's own header and language switch (attribute `chrome`). */
  chrome?: 'none';
  /** Inside an iframe: the parent's exact origin, to which every event is also posted (attribute `host-origin`). */
  hostOrigin?: string;
}

export interface MountHandle {
  /** Settles once the wasm is loaded and the app is mounted (after the user's Try again, if its download failed), or on `unmount()`. */
  readonly ready: Promise<void>;
  /** Removes the app: its long poll is aborted, its timers and listeners are gone. Queued messages stay in storage. */
  unmount(): void;
  /** Switches the language without a remount. */
  setLocale(locale: 'ja' | 'en'): void;
  /** Hands over a renewed CSRF token (after `messenger:session-expired`). */
  setCsrfToken(token: string): void;
}

/** Mounts the app into `element`. */
export function mount(element: HTMLElement, options?: MountOptions): MountHandle;

/** `<messenger-integration>`, defined when the module is imported. */
export class MessengerIntegration extends HTMLElement {}

/** `messenger:ready`: the first screen is shown. */
export interface ReadyDetail {
  /** The app-relative path of that screen, e.g. `/settings/messaging`. */
  path: string;
}

export type PageHealthName =
  | 'healthy' | 'token_expired' | 'permissions_missing' | 'restricted' | 'app_removed' | 'unknown';

/** `messenger:integration-change`: sent at start and whenever the state or a Page's health changes. */
export interface IntegrationChangeDetail {
  state: 'not_installed' | 'installed' | 'installed_privately_by_other_admin' | 'unknown';
  /** Only when installed. */
  visibility: 'private' | 'shared' | 'unknown' | null;
  pages: { id: string; name: string; health: PageHealthName }[];
}

/** `messenger:awaiting-reply`: the CRM's unread badge. Sent when the conversations are loaded, and on every change. */
export interface AwaitingReplyDetail {
  /** Conversations whose last message is the customer's and whose reply window is open. */
  count: number;
  /** Of those, how many close within 24 hours. */
  closing_within_24h: number;
}

/** `messenger:navigate`: after each route change. */
export interface NavigateDetail {
  /** App-relative path with its query, without `base-path`, e.g. `/messaging/ken`. */
  path: string;
}

/** `messenger:session-expired`: the API answered 401; re-authenticate, then set a new `csrf-token`. */
export type SessionExpiredDetail = Record<string, never>;

/** `messenger:error`: an error screen is shown. */
export interface ErrorDetail {
  /**
   * A stable code such as `facebook_error`, `network`, `timeout`, `server`, `malformed`, `crash`,
   * `load_failed`, or `invalid_attribute` (with `attribute` and `value`: one that could not be read).
   */
  code: string;
  /** The server's reference for support, where there is one. */
  reference: string | null;
  /** `invalid_attribute`: the attribute that could not be read, and its value. */
  attribute?: string;
  value?: string;
}

export interface MessengerEventMap {
  'messenger:ready': CustomEvent<ReadyDetail>;
  'messenger:integration-change': CustomEvent<IntegrationChangeDetail>;
  'messenger:awaiting-reply': CustomEvent<AwaitingReplyDetail>;
  'messenger:navigate': CustomEvent<NavigateDetail>;
  'messenger:session-expired': CustomEvent<SessionExpiredDetail>;
  'messenger:error': CustomEvent<ErrorDetail>;
}

/** What the app posts to `window.parent` when framed with a `host-origin`. */
export type MessengerMessage = {
  [K in keyof MessengerEventMap]: { type: K; detail: MessengerEventMap[K]['detail'] };
}[keyof MessengerEventMap];

declare global {
  interface HTMLElementTagNameMap {
    'messenger-integration': MessengerIntegration;
  }
  interface HTMLElementEventMap extends MessengerEventMap {}
}
