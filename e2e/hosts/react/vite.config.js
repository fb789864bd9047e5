// The React host as a CRM builds it (e2e/tests/react-host.spec.ts). The dev backend serves the
// output at /react-host/ under the strict CSP of docs/embedding.md.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/react-host/',
  build: {
    outDir: fileURLToPath(new URL('../../../target/hosts/react', import.meta.url)),
    emptyOutDir: true,
    // A `data:` URL is refused by the CSP's script-src and style-src: every asset stays a file.
    assetsInlineLimit: 0,
  },
  // The dev server's pre-bundling would move the module away from its wasm (docs/embedding.md).
  optimizeDeps: { exclude: ['@msg-ui/messenger-integration'] },
});
