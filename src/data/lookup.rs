//! [`CodeLookup`]: raw field bytes → category code, the one hash look-up ingest does per field.
//!
//! Values of up to 16 bytes (nearly all codes in case data) are packed into two machine words
//! (with the length, they identify the value) and kept inline in an open-addressing table, so a look-up is one multiply, one or two slot reads and
//! a three-word compare — no pointer chase, no byte loop. Longer values go to an ordinary
//! `HashMap`. The hash is not keyed: the input is the publisher's own data, not an adversary's.

use std::collections::HashMap;

/// Values at most this long are kept inline.
const INLINE: usize = 16;
/// `len` of an empty slot.
const EMPTY: u32 = u32::MAX;
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

#[derive(Clone, Copy)]
struct Slot {
    lo: u64,
    hi: u64,
    len: u32,
    code: u32,
}

const EMPTY_SLOT: Slot = Slot {
    lo: 0,
    hi: 0,
    len: EMPTY,
    code: 0,
};

/// A map from byte strings to `u32` codes, tuned for few, short keys looked up very often.
pub(crate) struct CodeLookup {
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the slot.
    shift: u32,
    used: usize,
    long: HashMap<Box<[u8]>, u32>,
}

impl Default for CodeLookup {
    fn default() -> Self {
        CodeLookup::with_slots(64)
    }
}

impl CodeLookup {
    fn with_slots(slots: usize) -> Self {
        debug_assert!(slots.is_power_of_two());
        CodeLookup {
            slots: vec![EMPTY_SLOT; slots],
            shift: 64 - slots.trailing_zeros(),
            used: 0,
            long: HashMap::new(),
        }
    }

    /// Two words that, together with the length, identify a value of at most 16 bytes.
    /// Read with overlapping loads (first and last 8 or 4 bytes) instead of a copy.
    #[inline]
    fn pack(raw: &[u8]) -> (u64, u64) {
        let n = raw.len();
        let word = |at: usize| u64::from_le_bytes(raw[at..at + 8].try_into().expect("8 bytes"));
        let half = |at: usize| {
            u64::from(u32::from_le_bytes(
                raw[at..at + 4].try_into().expect("4 bytes"),
            ))
        };
        match n {
            8.. => (word(0), word(n - 8)),
            4..=7 => (half(0), half(n - 4)),
            1..=3 => (
                u64::from(raw[0]) | u64::from(raw[n / 2]) << 8,
                u64::from(raw[n - 1]),
            ),
            0 => (0, 0),
        }
    }

    #[inline]
    fn start(&self, lo: u64, hi: u64, len: u32) -> usize {
        let h = (lo ^ hi.rotate_left(23) ^ u64::from(len).rotate_right(5)).wrapping_mul(MULTIPLIER);
        (h >> self.shift) as usize
    }

    /// The code of `raw`, if it was inserted.
    #[inline]
    pub fn get(&self, raw: &[u8]) -> Option<u32> {
        if raw.len() > INLINE {
            return self.long.get(raw).copied();
        }
        let (lo, hi) = Self::pack(raw);
        let len = raw.len() as u32;
        let mask = self.slots.len() - 1;
        let mut i = self.start(lo, hi, len);
        loop {
            let slot = &self.slots[i];
            if slot.len == len && slot.lo == lo && slot.hi == hi {
                return Some(slot.code);
            }
            if slot.len == EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Sets the code of `raw` (replacing any earlier one).
    pub fn insert(&mut self, raw: &[u8], code: u32) {
        if raw.len() > INLINE {
            self.long.insert(raw.into(), code);
            return;
        }
        if (self.used + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let (lo, hi) = Self::pack(raw);
        self.place(Slot {
            lo,
            hi,
            len: raw.len() as u32,
            code,
        });
    }

    fn place(&mut self, new: Slot) {
        let mask = self.slots.len() - 1;
        let mut i = self.start(new.lo, new.hi, new.len);
        loop {
            let slot = &mut self.slots[i];
            if slot.len == EMPTY {
                *slot = new;
                self.used += 1;
                return;
            }
            if slot.len == new.len && slot.lo == new.lo && slot.hi == new.hi {
                slot.code = new.code;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let long = std::mem::take(&mut self.long);
        *self = CodeLookup::with_slots(old.len() * 2);
        self.long = long;
        for slot in old.into_iter().filter(|s| s.len != EMPTY) {
            self.place(slot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_every_length_round_trip_through_growth() {
        let mut lookup = CodeLookup::default();
        let keys: Vec<Vec<u8>> = (0..3000u32)
            .map(|i| {
                let text = format!("{i:x}-");
                text.repeat(1 + (i as usize % 9)).into_bytes()
            })
            .chain([
                Vec::new(),
                vec![0],
                vec![0, 0],
                b"\0a".to_vec(),
                b"a\0".to_vec(),
            ])
            .collect();
        for (code, key) in keys.iter().enumerate() {
            assert_eq!(lookup.get(key), None, "{key:?} before insert");
            lookup.insert(key, code as u32);
        }
        for (code, key) in keys.iter().enumerate() {
            assert_eq!(lookup.get(key), Some(code as u32), "{key:?}");
        }
        lookup.insert(b"", 7);
        assert_eq!(lookup.get(b""), Some(7));
        assert_eq!(lookup.get(b"not there at all, long key"), None);
        assert_eq!(lookup.get(b"zz"), None);
    }

    #[test]
    fn every_short_binary_string_is_told_apart() {
        let keys: Vec<Vec<u8>> = (0..=17usize)
            .flat_map(|len| {
                let count = 1u32 << len.min(12);
                (0..count).map(move |bits| (0..len).map(|i| (bits >> (i % 12) & 1) as u8).collect())
            })
            .collect::<std::collections::BTreeSet<Vec<u8>>>()
            .into_iter()
            .collect();
        let mut lookup = CodeLookup::default();
        for (code, key) in keys.iter().enumerate() {
            lookup.insert(key, code as u32);
        }
        for (code, key) in keys.iter().enumerate() {
            assert_eq!(lookup.get(key), Some(code as u32), "{key:?}");
        }
    }
}
