import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.POSOPS_API_URL ?? 'http://127.0.0.1:3000';

/** Packages every page needs: one long-cached vendor chunk. */
const vendorPackages =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|antd|@ant-design|@rc-component|rc-[^\\/]+|@babel[\\/]runtime|@tanstack|i18next|react-i18next|dayjs|classnames|clsx|@emotion|stylis|throttle-debounce|compute-scroll-into-view|scroll-into-view-if-needed|json2mq|string-convert|copy-to-clipboard|toggle-selection|html-parse-stringify|void-elements|use-sync-external-store)[\\/]/;

/** Charts only load with the pages that draw them. */
const chartPackages = /[\\/]node_modules[\\/](echarts|zrender)[\\/]/;

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/metrics': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/metrics': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Rolldown's successor to Rollup's `manualChunks`.
        codeSplitting: {
          groups: [
            { name: 'charts', test: chartPackages, priority: 20 },
            { name: 'vendor', test: vendorPackages, priority: 10 },
          ],
        },
      },
    },
  },
});
