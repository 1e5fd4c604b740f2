/**
 * The part of the WebAssembly JavaScript API the fused kernel uses. Node has it globally, but
 * @types/node 20 leaves its types to the DOM library, which the Node side does not load.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
  }
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }
  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(delta: number): number;
  }
  class Global {
    value: unknown;
  }
  type Imports = Record<string, Record<string, Memory | Global | ((...args: never[]) => unknown) | number>>;
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Record<string, unknown>;
  }
}
