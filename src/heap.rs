//! Start-up tuning of the C allocator (glibc on Linux; elsewhere nothing).
//!
//! Opening a large `--data` folder puts tens of megabytes of values on the
//! heap within a fraction of a second. Taken from the kernel a 4 KiB page at a
//! time, that memory cost about a sixth of the first frame at a million rows
//! (some 19,000 page faults). Here the heap is grown in large steps,
//! and the kernel is asked to back it with 2 MiB pages where the system leaves
//! that choice to programs (transparent huge pages in `madvise` mode): a few
//! dozen faults instead. Peak memory stays about the same, as the heap is
//! filled densely.
//!
//! Only large tables get a single arena: with it, every thread's values land
//! in the advised heap. Where threads allocate often and small (the claims
//! engine on the embedded data, the importer), one arena means one lock they
//! queue on: the bundled first screen took 2-8 ms longer with it, the import
//! about a quarter longer.

/// What the process is about to load, which decides the tuning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Load {
    /// The embedded data, an archive, or the official files for an import.
    Small,
    /// Tidy tables from a folder (`--data`), possibly millions of rows.
    Tables,
}

/// How far the heap grows at a time, and the part of it advised at start.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const STEP: usize = 512 << 20;

/// Tunes the allocator of the process for what it is about to load.
///
/// # Safety
///
/// Call it early in `main`, before any other thread starts (the binary
/// calls it right after parsing its command line): glibc's `mallopt`
/// changes settings that other threads' allocations read without a lock.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub unsafe fn tune(load: Load) {
    const HUGE: usize = 2 << 20;
    // SAFETY: the caller guarantees no other thread runs (see above).
    // mallopt only sets the allocator's parameters (a refused one leaves the
    // defaults); malloc and free are paired; sbrk(0) only reads the end of
    // the heap; madvise with MADV_HUGEPAGE only advises on pages of the heap,
    // which it does not move or free, and fails harmlessly where huge pages
    // are off.
    unsafe {
        // For large tables, one arena for every thread, so that every value
        // lands in the heap advised below (the loader's threads allocate
        // rarely, per series or block).
        if load == Load::Tables && libc::mallopt(libc::M_ARENA_MAX, 1) == 0 {
            return;
        }
        // Grow the heap in large steps (address space only until touched),
        // never hand its top back while the process runs, and keep the
        // read buffers of large tables in it too.
        libc::mallopt(libc::M_TOP_PAD, STEP as libc::c_int);
        libc::mallopt(libc::M_TRIM_THRESHOLD, (2 * STEP) as libc::c_int);
        libc::mallopt(libc::M_MMAP_THRESHOLD, (32 << 20) as libc::c_int);
        // A block larger than the heap's free top makes it grow by a step
        // now (allocations before `main` made the heap already).
        let probe = libc::malloc(HUGE);
        if probe.is_null() {
            return;
        }
        libc::free(probe);
        let start = (probe as usize).next_multiple_of(HUGE);
        let end = libc::sbrk(0) as usize;
        if end > start {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

/// Tunes the allocator of the process (nothing to tune on this system).
///
/// # Safety
///
/// None needed here; the same contract as on glibc: call it before any
/// other thread starts.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub unsafe fn tune(_: Load) {}
