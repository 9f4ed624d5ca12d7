//! Frame memory: a byte buffer that grows in 32-byte words and keeps its capacity when reused.

/// Capacity a frame keeps when it ends; beyond it, the memory goes back to the allocator
/// (1 MiB: ordinary contracts stay far below it, so their frames allocate nothing after
/// warm-up; a frame that touched 16 MiB does not hold it for the instance's lifetime).
pub const RETAINED_CAPACITY: usize = 1 << 20;

/// Largest memory a frame may hold: 4 GiB natively, 1 GiB on 32-bit targets such as wasm32
/// (whose whole address space is 4 GiB). Gas makes such sizes unaffordable on any real chain
/// (4 GiB costs 3.6e13 gas); the bound keeps `usize` arithmetic exact whatever gas a caller
/// provides. Past it, or when the allocator refuses, the frame halts with `MemoryLimit`.
pub const MAX_MEMORY: u64 = if cfg!(target_pointer_width = "32") {
    1 << 30
} else {
    1 << 32
};

/// EVM memory of one frame.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    data: Vec<u8>,
}

impl Memory {
    /// Empty memory that allocates on first growth. Not revm's and evmone's 4 KiB up front:
    /// a pooled frame keeps whatever its calls grew it to, and a frame that uses little
    /// memory then holds a small block beside its neighbours' instead of a 4 KiB page of
    /// its own (recursion to depth 1,000 touched 1,000 such pages: 1.45 ms against 1.0 ms
    /// interleaved with other engines, `scripts/bench-peers.sh`).
    pub fn new() -> Memory {
        Memory { data: Vec::new() }
    }

    /// Current size in bytes (always a multiple of 32).
    #[inline]
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether no memory was touched yet.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The whole memory.
    #[inline]
    pub fn as_slice(&self) -> &[u8] {
        &self.data
    }

    /// Empties memory, keeping its capacity.
    #[inline]
    pub fn clear(&mut self) {
        self.data.clear();
    }

    /// Bytes of capacity held (what the allocator gave, whatever the current size).
    pub fn capacity(&self) -> usize {
        self.data.capacity()
    }

    /// Gives memory beyond [`RETAINED_CAPACITY`] back to the allocator, emptying it. A frame
    /// that grew its memory large then does not keep it for every later call at its depth.
    pub fn release_excess(&mut self) {
        if self.data.capacity() > RETAINED_CAPACITY {
            self.data = Vec::new();
        }
    }

    /// Grows to `new_len` bytes (a multiple of 32), zero-filled. Returns false, changing
    /// nothing, if the allocator cannot provide the space (rather than aborting the process).
    #[inline]
    pub(crate) fn grow(&mut self, new_len: usize) -> bool {
        if new_len > self.data.len() {
            if new_len > self.data.capacity() {
                // Capacity in powers of two: as much room as doubling gives, never more.
                let extra = new_len.next_power_of_two() - self.data.len();
                if self.data.try_reserve_exact(extra).is_err() {
                    return false;
                }
            }
            self.data.resize(new_len, 0);
        }
        true
    }

    /// `len` bytes at `offset` (the range must lie within memory).
    #[inline]
    pub fn slice(&self, offset: usize, len: usize) -> &[u8] {
        &self.data[offset..offset + len]
    }

    /// `len` bytes at `offset`, mutably.
    #[inline]
    pub fn slice_mut(&mut self, offset: usize, len: usize) -> &mut [u8] {
        &mut self.data[offset..offset + len]
    }

    /// Copies `len` bytes of `src` starting at `src_offset` to `offset`, zero-filling whatever
    /// lies past the end of `src` (the semantics of CALLDATACOPY, CODECOPY and friends).
    pub fn set_data(&mut self, offset: usize, src: &[u8], src_offset: u64, len: usize) {
        let dst = &mut self.data[offset..offset + len];
        let start = (src_offset.min(src.len() as u64)) as usize;
        let avail = (src.len() - start).min(len);
        dst[..avail].copy_from_slice(&src[start..start + avail]);
        dst[avail..].fill(0);
    }

    /// Copies within memory (MCOPY); ranges may overlap.
    pub fn copy_within(&mut self, src: usize, dst: usize, len: usize) {
        self.data.copy_within(src..src + len, dst);
    }

    /// The 32-byte word at `offset`.
    #[inline]
    pub fn word(&self, offset: usize) -> [u8; 32] {
        let mut w = [0u8; 32];
        w.copy_from_slice(&self.data[offset..offset + 32]);
        w
    }
}
