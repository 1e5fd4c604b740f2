/**
 * The fused kernel's shared WebAssembly memory and a small allocator over it. Blocks are rounded up
 * to size classes (at most 25% waste) and freed blocks are reused by the next request of their
 * class, so a training loop's fixed set of buffer sizes stops growing the memory after one batch.
 */

const PAGE = 65536;
/** 4 GiB, the wasm32 limit; shared memory reserves the address range, not the RAM. */
const MAX_PAGES = 65536;

/** A block of the shared memory: byte offset and class size. */
export interface Block {
  ptr: number;
  bytes: number;
}

/** The shared memory, with typed views that follow its growth. */
export class KernelMemory {
  readonly memory: WebAssembly.Memory;
  private top = 0;
  private readonly free = new Map<number, number[]>();
  private f32View: Float32Array;
  private i32View: Int32Array;

  constructor(initialBytes = 16 << 20) {
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(initialBytes / PAGE), maximum: MAX_PAGES, shared: true });
    this.f32View = new Float32Array(this.memory.buffer);
    this.i32View = new Int32Array(this.memory.buffer);
  }

  /** Starts allocating above the module's own data and stack (its __heap_base). */
  start(heapBase: number): void {
    this.top = align(heapBase, 64);
  }

  /** The memory as float32 values (index = byte offset / 4). */
  get f32(): Float32Array {
    this.refresh();
    return this.f32View;
  }

  /** The memory as int32 values (index = byte offset / 4). */
  get i32(): Int32Array {
    this.refresh();
    return this.i32View;
  }

  /** A block of at least `bytes` bytes, 64-byte aligned (contents undefined). */
  alloc(bytes: number): Block {
    const size = sizeClass(Math.max(bytes, 64));
    const reuse = this.free.get(size)?.pop();
    if (reuse !== undefined) return { ptr: reuse, bytes: size };
    const ptr = this.top;
    const end = ptr + size;
    if (end > this.memory.buffer.byteLength) {
      const current = this.memory.buffer.byteLength / PAGE;
      const pages = Math.ceil((end - this.memory.buffer.byteLength) / PAGE);
      if (current + pages > MAX_PAGES) {
        throw new Error(`The fused kernel needs ${Math.ceil(end / 2 ** 20)} MB, more than its 4 GB limit: use a smaller batch size or window.`);
      }
      this.memory.grow(Math.min(MAX_PAGES - current, Math.max(pages, Math.ceil(current / 4))));
    }
    this.top = end;
    return { ptr, bytes: size };
  }

  /** Returns blocks for reuse. */
  release(...blocks: (Block | null | undefined)[]): void {
    for (const b of blocks) {
      if (!b) continue;
      const list = this.free.get(b.bytes);
      if (list) list.push(b.ptr);
      else this.free.set(b.bytes, [b.ptr]);
    }
  }

  /** Copies `values` into a new block. */
  put(values: ArrayLike<number>): Block {
    const b = this.alloc(values.length * 4);
    if (values instanceof Float32Array) this.f32.set(values, b.ptr >> 2);
    else {
      const f = this.f32;
      for (let i = 0; i < values.length; i++) f[(b.ptr >> 2) + i] = values[i];
    }
    return b;
  }

  /** A copy of `count` floats at `block` (a plain Float32Array, safe to hand to tfjs). */
  read(block: Block, count: number): Float32Array {
    return this.f32.slice(block.ptr >> 2, (block.ptr >> 2) + count);
  }

  /** Bytes in use by the allocator (its high-water mark). */
  get highWater(): number {
    return this.top;
  }

  private refresh(): void {
    if (this.f32View.buffer.byteLength !== this.memory.buffer.byteLength) {
      this.f32View = new Float32Array(this.memory.buffer);
      this.i32View = new Int32Array(this.memory.buffer);
    }
  }
}

/** Rounds up to 4 steps per power of two (and to 64 bytes). */
export function sizeClass(bytes: number): number {
  if (bytes <= 4096) return align(bytes, 64);
  const step = 2 ** (Math.floor(Math.log2(bytes)) - 2);
  return Math.ceil(bytes / step) * step;
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
