import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const lib = (name: string) => fileURLToPath(new URL(`../../libs/${name}/src/index.ts`, import.meta.url));
const api = process.env.API_URL ?? 'http://localhost:3000';

// Types and shared logic come from libs/ (the same source the API compiles), bundled from TypeScript.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@hotline/contracts': lib('contracts'), '@hotline/domain': lib('domain') } },
  server: {
    port: 5173,
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Libraries in their own long-cached chunks; each page is its own chunk (React.lazy in routes.tsx).
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/antd') || id.includes('node_modules/@ant-design') || id.includes('node_modules/rc-') || id.includes('node_modules/@rc-component'))
            return 'antd';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          return undefined;
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
    // rendering Ant Design forms in jsdom takes seconds when the machine is shared: 5 s timed out under load
    testTimeout: 30_000,
  },
});
