// Where MapLibre gets the vector tiles: the build writes them in packs (geo/tilepack.ts); MapLibre asks for
// isvt://z/x/y and the loader answers with the tile's slice of its pack, fetched once. The loader runs in MapLibre's
// workers (tiles.worker.ts, imported by MapLibre), so a worker fetches and cuts its tiles without a round trip through the page's main
// thread, and on the main thread for any request that would reach it. A tile a pack does not hold is empty there,
// not an error.
import { decodePack, packFile } from '../../geo/tilepack.ts';

export const TILE_PROTOCOL = 'isvt';
export const TILE_URL = `${TILE_PROTOCOL}://{z}/{x}/{y}`;

/** `dataBase`: absolute URL of the data folder, ending in a slash. */
export function tileLoader(dataBase: string) {
  const packs = new Map<string, Promise<ReturnType<typeof decodePack>>>();
  function pack(file: string) {
    let p = packs.get(file);
    if (!p) {
      p = fetch(new URL(file, dataBase).href).then(async (r) => {
        if (!r.ok) throw new Error(`${file}: HTTP ${r.status}`);
        return decodePack(await r.arrayBuffer());
      });
      p.catch(() => packs.delete(file)); // a failed pack is fetched again on the next request
      packs.set(file, p);
    }
    return p;
  }
  return {
    /** the MapLibre protocol handler */
    async load(params: { url: string }): Promise<{ data: ArrayBuffer }> {
      const m = /^isvt:\/\/(\d+)\/(\d+)\/(\d+)$/.exec(params.url);
      if (!m) throw new Error(`not a tile address: ${params.url}`);
      const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const tile = (await pack(packFile(z, x, y))).tile(x, y);
      return { data: tile ? tile.slice().buffer : new ArrayBuffer(0) };
    },
  };
}
