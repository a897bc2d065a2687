// The explorer bundle: built into the `api` package (api/static/explorer), which FastAPI serves at `/`.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  build: {
    outDir: "../api/static/explorer",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    target: "es2022",
  },
  server: {
    proxy: { "/graphql": "http://127.0.0.1:8000" },
  },
});
