//! Injected panics, so tests can show that a panic while reading one document
//! becomes an error row for it instead of reaching Python.
//!
//! Nothing is armed unless a test calls [`panic_on`] (from Python through the
//! hidden `assay._core._panic_for_test`); an unarmed check is one atomic load.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Where a document is read: `"read"` inside the corpus guard around parsing,
/// `"tables"` after parsing, while its rows are built (outside that guard).
pub const STAGES: &[&str] = &["read", "tables"];

static ARMED: AtomicBool = AtomicBool::new(false);
static TARGET: Mutex<Option<(String, String)>> = Mutex::new(None);

/// Makes reading the document `doc_id` panic at `stage`; `None` disarms.
pub fn panic_on(target: Option<(String, String)>) -> Result<(), String> {
    if let Some((_, stage)) = &target {
        if !STAGES.contains(&stage.as_str()) {
            return Err(format!("stage must be one of {STAGES:?}, not {stage:?}"));
        }
    }
    let mut slot = TARGET.lock().unwrap_or_else(|e| e.into_inner());
    ARMED.store(target.is_some(), Ordering::SeqCst);
    *slot = target;
    Ok(())
}

/// Panics if [`panic_on`] asked for a panic for `doc_id` at `stage`.
#[inline]
pub fn check(doc_id: &str, stage: &str) {
    if !ARMED.load(Ordering::Relaxed) {
        return;
    }
    let hit = TARGET
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .is_some_and(|(d, s)| d == doc_id && s == stage);
    if hit {
        panic!("injected panic for {doc_id:?} at {stage}");
    }
}
