// The snapshot file format (eimza_site.runtime.pack_snapshot): Pyodide's memory image
// without its all-zero pages. One source for the worker (the build inlines this file in
// place of the worker's import line) and for scripts/parity.mjs (imports it).
// Rebuild the full memory image in fresh, zeroed memory; throw on anything malformed.
export function unpackSnapshot(packed) {
  const magic = new TextDecoder().decode(packed.subarray(0, 8));
  if (magic !== "EIMZSNP1" || packed.length < 20) throw new Error("snapshot: bad header");
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const total = view.getUint32(8, true);
  const size = view.getUint32(12, true);
  const pages = view.getUint32(16, true);
  if (pages !== Math.ceil(total / size)) throw new Error("snapshot: bad page count");
  const bitmap = packed.subarray(20, 20 + Math.ceil(pages / 8));
  let pos = 20 + bitmap.length;
  const out = new Uint8Array(total);
  for (let i = 0; i < pages; i++) {
    if ((bitmap[i >> 3] >> (i & 7)) & 1) {
      const n = Math.min(size, total - i * size);
      if (pos + n > packed.length) throw new Error("snapshot: truncated");
      out.set(packed.subarray(pos, pos + n), i * size);
      pos += n;
    }
  }
  if (pos !== packed.length) throw new Error("snapshot: bad length");
  return out;
}
