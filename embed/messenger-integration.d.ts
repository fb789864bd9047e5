// Types for dist/messenger-integration.js and the package's `.` entry. See docs/embedding.md.
// Events, error codes and attributes are the public API: CHANGELOG.md says when they change.

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
  /**
   * Where the module's wasm, glue and stylesheet are, when not beside the module (attribute
   * `assets-base`): a path of the page's origin or an http(s) URL, e.g. `/static/messenger/`.
   * Absent: next to the module (`import.meta.url`).
   */
  assetsBase?: string;
  /** `light` (the default), `dark`, or `auto`: the reader's system setting (attribute `theme`). */
  theme?: Theme;
  /** The host's look, as the public `--messenger-*` custom properties say it. */
  appearance?: Appearance;
}

/** The app's colour scheme. */
export type Theme = 'light' | 'dark' | 'auto';

/**
 * The public appearance properties, by their camelCase names: `colorPrimary` is
 * `--messenger-color-primary`. Any CSS value of the property's kind, `light-dark()` included.
 * Stable: names are only ever added.
 */
export interface Appearance {
  colorPrimary?: string;
  colorOnPrimary?: string;
  colorBackground?: string;
  colorSurface?: string;
  colorText?: string;
  colorTextMuted?: string;
  colorBorder?: string;
  colorDanger?: string;
  colorWarning?: string;
  colorSuccess?: string;
  colorFocus?: string;
  fontFamily?: string;
  fontSize?: string;
  radius?: string;
  spacing?: string;
}

/** A language the app speaks. */
export type Locale = NonNullable<MountOptions['locale']>;
/** A part of the app, as `view` names it. */
export type View = NonNullable<MountOptions['view']>;

export interface MountHandle {
  /** Settles once the wasm is loaded and the app is mounted (after the user's Try again, if its download failed), or on `unmount()`. */
  readonly ready: Promise<void>;
  /** Removes the app: its long poll is aborted, its timers and listeners are gone. Queued messages stay in storage. */
  unmount(): void;
  /** Switches the language without a remount. */
  setLocale(locale: Locale): void;
  /** Hands over a renewed CSRF token (after `messenger:session-expired`). */
  setCsrfToken(token: string): void;
  setTheme(theme: Theme): void;
  setAppearance(appearance: Appearance | undefined): void;
}

/** Mounts the app into `element`. Touches the DOM only when called. */
export function mount(element: HTMLElement, options?: MountOptions): MountHandle;

/**
 * Defines the element as `tagName` (default `messenger-integration`) and returns its class; if
 * the name is already defined, returns what is defined there. The `.` entry calls it on import.
 */
export function define(tagName?: string): typeof MessengerIntegration;

/** `<messenger-integration>`, defined when the module is imported. */
export class MessengerIntegration extends HTMLElement {
  /** The host's look, live: set it again to change it. */
  appearance: Appearance | undefined;
}

/** `messenger:ready`: the first screen is shown. */
export interface ReadyDetail {
  /** The app-relative path of that screen, e.g. `/settings/messaging`. */
  path: string;
}

/** @stable The install state of `messenger:integration-change`. */
export type IntegrationState = 'not_installed' | 'installed' | 'installed_privately_by_other_admin' | 'unknown';

/** @stable Who sees the integration, once installed. */
export type Visibility = 'private' | 'shared' | 'unknown';

/** @stable A Page's health. */
export type PageHealthName =
  | 'healthy' | 'token_expired' | 'permissions_missing' | 'restricted' | 'app_removed' | 'unknown';

/** `messenger:integration-change`: sent at start and whenever the state or a Page's health changes. */
export interface IntegrationChangeDetail {
  state: IntegrationState;
  /** Only when installed. */
  visibility: Visibility | null;
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

/**
 * @stable Every `code` of `messenger:error`. A code is never renamed or given another meaning;
 * a new one is added in a minor version, and CHANGELOG.md says so.
 * - the install flow's failures (src/domain/install_failure.rs): `installed_privately_by_other_admin`,
 *   `page_connected_to_other_company`, `missing_permissions`, `facebook_error`,
 *   `app_installed_by_other_page_admin`, `install_cancelled`, `oauth_state_invalid`, `not_admin`,
 *   `unauthenticated`, `not_installed`;
 * - a read's or request's failures: `network`, `timeout`, `no_answer`, `server`, `malformed`;
 * - `crash`: the app panicked, and its crash screen replaced it;
 * - `load_failed`: the app's own files could not be loaded;
 * - `invalid_attribute`: an attribute or option could not be read, and its default is used.
 */
export type ErrorCode =
  | 'installed_privately_by_other_admin'
  | 'page_connected_to_other_company'
  | 'missing_permissions'
  | 'facebook_error'
  | 'app_installed_by_other_page_admin'
  | 'install_cancelled'
  | 'oauth_state_invalid'
  | 'not_admin'
  | 'unauthenticated'
  | 'not_installed'
  | 'network'
  | 'timeout'
  | 'no_answer'
  | 'server'
  | 'malformed'
  | 'crash'
  | 'load_failed'
  | 'invalid_attribute';

/** An attribute of the element, as `invalid_attribute` names it. */
export type AttributeName = keyof MessengerIntegrationAttributes & string;

/** `messenger:error`: an error screen is shown, or an attribute could not be read. */
export type ErrorDetail =
  | {
      code: Exclude<ErrorCode, 'invalid_attribute'>;
      /** The server's reference for support, where there is one. */
      reference: string | null;
    }
  | {
      code: 'invalid_attribute';
      /** The attribute that could not be read (for `mount()`, the option's attribute name). */
      /** The attribute, or `appearance.<name>` for a name of `appearance` that is none of ours. */
      attribute: AttributeName | `appearance.${string}`;
      /** Its value, as given. */
      value: string;
      reference: null;
    };

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

/** The element's attributes, as a host writes them (in HTML, or as JSX props). */
export interface MessengerIntegrationAttributes {
  'api-base'?: string;
  /** A BCP 47 tag: `ja`, `ja-JP`, `en`, `en-GB`; its language subtag counts. */
  locale?: string;
  'csrf-token'?: string;
  'base-path'?: string;
  view?: View;
  chrome?: 'none';
  'host-origin'?: string;
  'assets-base'?: string;
  theme?: Theme;
}

/**
 * One `on…` prop per event, as React 19 listens on a custom element: the prop's name is `on`
 * and the event's name, as it is (`onmessenger:ready`).
 */
export type MessengerIntegrationEventProps = {
  [K in keyof MessengerEventMap as `on${K}`]?: (event: MessengerEventMap[K]) => void;
};

declare global {
  interface HTMLElementTagNameMap {
    'messenger-integration': MessengerIntegration;
  }
  interface HTMLElementEventMap extends MessengerEventMap {}
}

// React 19's JSX. A host without React's types loses nothing: the two interfaces declared here
// merge with React's when they exist, and stand alone (empty) when they do not, so nothing here
// names a type that only React has.
declare module 'react' {
  interface HTMLAttributes<T> {}
  interface ClassAttributes<T> {}
  namespace JSX {
    interface IntrinsicElements {
      'messenger-integration': ClassAttributes<MessengerIntegration> &
        HTMLAttributes<MessengerIntegration> &
        MessengerIntegrationAttributes &
        MessengerIntegrationEventProps;
    }
  }
}
