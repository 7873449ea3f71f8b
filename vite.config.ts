import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [reactRouter()],
  build: { assetsInlineLimit: 0 },
  // The server build's entry is our Express app around the routes (app/server/index.ts), as in React
  // Router's node-custom-server template: one build, one copy of every module.
  environments: { ssr: { build: { rollupOptions: { input: "./app/server/index.ts" } } } },
  server: { port: 3000 },
});
