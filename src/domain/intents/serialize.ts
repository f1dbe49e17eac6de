/**
 * Model ⇄ bytes: a JSON header (labels, vocabulary, idf, calibration) and the float32 weight matrix.
 * Layout: "SBIM1\n" · u32 header length · header JSON (UTF-8) · w (float32 LE) · b (float32 LE).
 */
import { IntentModel, type IntentModelState } from './model.js';

const MAGIC = Buffer.from('SBIM1\n');

export function serializeModel(model: IntentModel): Buffer {
  const { weights, ...rest } = model.state;
  const header = Buffer.from(JSON.stringify({ ...rest, K: weights.K, dim: weights.dim }), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const w = Buffer.from(weights.w.buffer, weights.w.byteOffset, weights.w.byteLength);
  const b = Buffer.from(weights.b.buffer, weights.b.byteOffset, weights.b.byteLength);
  return Buffer.concat([MAGIC, len, header, w, b]);
}

export function deserializeModel(bytes: Uint8Array): IntentModel {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not an intent model');
  const hlen = buf.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  const header = JSON.parse(buf.subarray(start, start + hlen).toString('utf8')) as Omit<IntentModelState, 'weights'> & { K: number; dim: number };
  const { K, dim, ...rest } = header;
  let off = start + hlen;
  const copy = (n: number) => {
    const out = new Float32Array(n);
    Buffer.from(out.buffer).set(buf.subarray(off, off + n * 4));
    off += n * 4;
    return out;
  };
  const w = copy(K * dim);
  const b = copy(K);
  return new IntentModel({ ...rest, weights: { K, dim, w, b } });
}
