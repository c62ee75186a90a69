// Reads one file out of a ZIP the browser already holds (the GDPR export), without a library: the central
// directory gives each entry's size and offset (the export is streamed, so local headers carry no sizes), and
// DecompressionStream inflates it.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The bytes of entry `name` in the ZIP `blob`, or null when it has none. */
export async function zipEntry(blob, name) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const view = new DataView(bytes.buffer);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    throw new Error('not a ZIP file');
  }
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (view.getUint32(p, true) !== CENTRAL) {
      throw new Error('damaged ZIP directory');
    }
    const method = view.getUint16(p + 10, true);
    const size = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const offset = view.getUint32(p + 42, true);
    const entryName = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (entryName === name) {
      if (view.getUint32(offset, true) !== LOCAL) {
        throw new Error('damaged ZIP entry');
      }
      const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
      const data = bytes.subarray(start, start + size);
      if (method === 0) {
        return new Blob([data]);
      }
      if (method !== 8) {
        throw new Error('unsupported ZIP compression');
      }
      const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      return new Response(stream).blob();
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}
