// Both test hosts' brands (the React one imports this; build.ts copies it beside the plain one).

/** Brands a CRM might offer: each is an `appearance` object (docs/embedding.md, "Appearance"). */
export const BRANDS = {
  default: undefined,
  indigo: { colorPrimary: '#4338ca', radius: '12px' },
  teal: { colorPrimary: '#0f766e', radius: '2px' },
};
