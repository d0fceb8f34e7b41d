import { writeFile } from 'node:fs/promises';

/**
 * Writes a tiny llama-architecture GGUF model that llama.cpp loads: 2 layers, 32-wide embeddings and a
 * byte-fallback SentencePiece vocabulary of 263 tokens, so any text (Korean too) tokenizes. The layers'
 * weights are random and small; the output layer favours the token "하", so a reply is predictable and
 * never ends on its own: only `maxTokens`, a grammar or a cancel stops it.
 */
export async function writeTinyGguf(
  path: string,
  options: { seed?: number; favourite?: string; contextLength?: number } = {},
): Promise<void> {
  const random = seededRandom(options.seed ?? 7);
  const nEmbd = 32;
  const nFf = 64;
  const nHead = 4;
  const nLayer = 2;

  // Token ids: 0 <unk>, 1 <s>, 2 </s>, 3..258 the byte tokens <0x00>..<0xFF>, then a few pieces.
  const favourite = options.favourite ?? '하';
  const pieces = [...new Set(['▁', '하', '루', '▁hello', favourite])];
  const tokens = [
    '<unk>',
    '<s>',
    '</s>',
    ...Array.from({ length: 256 }, (_, byte) => byteToken(byte)),
    ...pieces,
  ];
  const types = tokens.map((_, id) => (id === 0 ? 2 : id < 3 ? 3 : id < 259 ? 6 : 1));
  const scores = tokens.map((_, id) => (id >= 259 ? -1 : 0));
  const favoured = tokens.indexOf(favourite);
  const nVocab = tokens.length;

  const tensors: Tensor[] = [];
  const add = (name: string, dims: number[], fill: (i: number) => number) => {
    const size = dims.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = fill(i);
    tensors.push({ name, dims, data });
  };
  const small = () => (random() - 0.5) * 0.1;
  add('token_embd.weight', [nEmbd, nVocab], small);
  add('output_norm.weight', [nEmbd], () => 1);
  add('output.weight', [nEmbd, nVocab], () => small() * 0.01);
  for (let layer = 0; layer < nLayer; layer++) {
    const blk = `blk.${layer}`;
    add(`${blk}.attn_norm.weight`, [nEmbd], () => 1);
    add(`${blk}.attn_q.weight`, [nEmbd, nEmbd], small);
    add(`${blk}.attn_k.weight`, [nEmbd, nEmbd], small);
    add(`${blk}.attn_v.weight`, [nEmbd, nEmbd], small);
    add(`${blk}.attn_output.weight`, [nEmbd, nEmbd], small);
    add(`${blk}.ffn_norm.weight`, [nEmbd], () => 1);
    add(`${blk}.ffn_gate.weight`, [nEmbd, nFf], small);
    add(`${blk}.ffn_up.weight`, [nEmbd, nFf], small);
    add(`${blk}.ffn_down.weight`, [nFf, nEmbd], small);
  }
  favourToken(tensors, favoured, nEmbd);

  const metadata: Array<[string, Value]> = [
    ['general.architecture', str('llama')],
    ['general.name', str('haru-tiny-test')],
    ['general.alignment', u32(32)],
    ['llama.context_length', u32(options.contextLength ?? 512)],
    ['llama.embedding_length', u32(nEmbd)],
    ['llama.block_count', u32(nLayer)],
    ['llama.feed_forward_length', u32(nFf)],
    ['llama.attention.head_count', u32(nHead)],
    ['llama.attention.head_count_kv', u32(nHead)],
    ['llama.rope.dimension_count', u32(nEmbd / nHead)],
    ['llama.attention.layer_norm_rms_epsilon', f32(1e-5)],
    ['tokenizer.ggml.model', str('llama')],
    ['tokenizer.ggml.tokens', arrayOf(8, tokens.map(str))],
    ['tokenizer.ggml.scores', arrayOf(6, scores.map(f32))],
    ['tokenizer.ggml.token_type', arrayOf(5, types.map(i32))],
    ['tokenizer.ggml.bos_token_id', u32(1)],
    ['tokenizer.ggml.eos_token_id', u32(2)],
    ['tokenizer.ggml.unknown_token_id', u32(0)],
    ['tokenizer.ggml.add_bos_token', bool(true)],
  ];
  await writeFile(path, encodeGguf(metadata, tensors));
}

/**
 * Makes the favoured token's logit the largest by a wide margin: every embedding's first unit is 1 and
 * the rest tiny, so after the small random layers the normalised hidden state's first unit is still large
 * and positive, and the favoured token's output row reads only that unit.
 */
function favourToken(tensors: Tensor[], favoured: number, nEmbd: number) {
  const embeddings = tensors.find((tensor) => tensor.name === 'token_embd.weight') as Tensor;
  for (let row = 0; row * nEmbd < embeddings.data.length; row++) embeddings.data[row * nEmbd] = 1;
  const output = tensors.find((tensor) => tensor.name === 'output.weight') as Tensor;
  output.data[favoured * nEmbd] = 100;
}

interface Tensor {
  name: string;
  /** ggml order: the fastest-varying dimension first. */
  dims: number[];
  data: Float32Array;
}

type Value = { type: number; write: (out: Writer) => void };

const str = (text: string): Value => ({ type: 8, write: (out) => out.string(text) });
const u32 = (n: number): Value => ({ type: 4, write: (out) => out.u32(n) });
const i32 = (n: number): Value => ({ type: 5, write: (out) => out.i32(n) });
const f32 = (n: number): Value => ({ type: 6, write: (out) => out.f32(n) });
const bool = (b: boolean): Value => ({ type: 7, write: (out) => out.u8(b ? 1 : 0) });
const arrayOf = (elementType: number, values: Value[]): Value => ({
  type: 9,
  write: (out) => {
    out.u32(elementType);
    out.u64(values.length);
    for (const value of values) value.write(out);
  },
});

function byteToken(byte: number): string {
  return `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`;
}

const alignment = 32;

function encodeGguf(metadata: Array<[string, Value]>, tensors: Tensor[]): Buffer {
  const out = new Writer();
  out.bytes(Buffer.from('GGUF'));
  out.u32(3);
  out.u64(tensors.length);
  out.u64(metadata.length);
  for (const [key, value] of metadata) {
    out.string(key);
    out.u32(value.type);
    value.write(out);
  }
  let offset = 0;
  for (const tensor of tensors) {
    out.string(tensor.name);
    out.u32(tensor.dims.length);
    for (const dim of tensor.dims) out.u64(dim);
    out.u32(0); // F32
    out.u64(offset);
    offset += padded(tensor.data.byteLength);
  }
  out.pad();
  for (const tensor of tensors) {
    out.bytes(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    out.pad();
  }
  return out.done();
}

function padded(length: number): number {
  return Math.ceil(length / alignment) * alignment;
}

class Writer {
  private chunks: Buffer[] = [];
  private length = 0;

  bytes(buffer: Buffer) {
    this.chunks.push(buffer);
    this.length += buffer.length;
  }
  private number(size: number, write: (buffer: Buffer) => void) {
    const buffer = Buffer.alloc(size);
    write(buffer);
    this.bytes(buffer);
  }
  u8(n: number) {
    this.number(1, (b) => b.writeUInt8(n));
  }
  u32(n: number) {
    this.number(4, (b) => b.writeUInt32LE(n));
  }
  i32(n: number) {
    this.number(4, (b) => b.writeInt32LE(n));
  }
  f32(n: number) {
    this.number(4, (b) => b.writeFloatLE(n));
  }
  u64(n: number) {
    this.number(8, (b) => b.writeBigUInt64LE(BigInt(n)));
  }
  string(text: string) {
    const bytes = Buffer.from(text, 'utf8');
    this.u64(bytes.length);
    this.bytes(bytes);
  }
  pad() {
    const extra = padded(this.length) - this.length;
    if (extra) this.bytes(Buffer.alloc(extra));
  }
  done(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
