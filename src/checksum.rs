//! CRC-32 (the IEEE polynomial of zip, PNG and gzip), for the archive's
//! checksums: it detects every change of up to 32 consecutive bits and all
//! but one in 2^32 other changes, which is what a file damaged on disk or
//! cut short needs. It is not a defence against someone who forges a file
//! (the archive is the user's own folder). Twenty lines, so no dependency.

/// The table of the byte-at-a-time algorithm, made at compile time.
const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

/// The CRC-32 of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in bytes {
        c = TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

/// The checksum as the archive writes it: `crc32:` and eight hex digits.
pub fn text(bytes: &[u8]) -> String {
    format!("crc32:{:08x}", crc32(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // The check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(text(b"a"), "crc32:e8b7be43");
    }

    #[test]
    fn every_flipped_bit_changes_it() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        let sum = crc32(&data);
        for i in 0..data.len() * 8 {
            let mut d = data.clone();
            d[i / 8] ^= 1 << (i % 8);
            assert_ne!(crc32(&d), sum, "bit {i}");
        }
    }
}
