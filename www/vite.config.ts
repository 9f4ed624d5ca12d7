import { defineConfig } from 'vite';

// Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs: the call
// tree's wall times per frame need it. Any static server can serve www/dist; with these two
// headers the timings are finer.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // The package comes from this repository (file:..), the heavy example from ../../shared.
  server: { fs: { allow: ['..', '../../shared'] }, headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
});
