// Types for dist/messenger-integration-pure.js and the package's `./pure` entry: the same
// module, defining nothing, so `MessengerIntegration` is a type here and `define()` gives the class.
export type * from './messenger-integration.js';
export { define, mount } from './messenger-integration.js';
