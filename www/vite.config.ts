import { defineConfig } from 'vite';

export default defineConfig({
  // The package comes from this repository (file:..), the heavy example from ../../shared.
  server: { fs: { allow: ['..', '../../shared'] } },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
});
