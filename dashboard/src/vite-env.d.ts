/// <reference types="vite/client" />
declare module 'maplibre-gl/dist/maplibre-gl-worker.mjs' {
  /** MapLibre's worker class (the worker module's default export) */
  const MapLibreWorker: unknown;
  export default MapLibreWorker;
}
