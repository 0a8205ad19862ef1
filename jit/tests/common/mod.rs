//! What the hand-written lockstep tests share: guest code as it is laid
//! out.

/// Guest code as it is laid out: 32- and 16-bit instructions.
#[derive(Default)]
pub struct Code(pub Vec<u8>);

impl Code {
    pub fn push(&mut self, insns: &[u32]) {
        self.0.extend(insns.iter().flat_map(|w| w.to_le_bytes()));
    }
    pub fn push16(&mut self, parcel: u16) {
        self.0.extend(parcel.to_le_bytes());
    }
    pub fn pos(&self) -> i32 {
        self.0.len() as i32
    }
}
