//! The flattened device tree handed to the guest in a1, generated from the
//! machine's configuration the way QEMU `virt` builds its own for one hart
//! without AIA (`create_fdt` in QEMU `hw/riscv/virt.c`).
//!
//! Nodes: the root (`riscv-virtio`), `/chosen` (stdout on the UART, optional
//! bootargs), `/memory@80000000`, `/cpus` with `cpu@0` and its interrupt
//! controller, `/soc` with the CLINT, PLIC, UART, virtio-mmio transports and
//! the test finisher, and the `/reboot` and `/poweroff` syscon nodes that
//! point at the finisher. QEMU's PCIe, RTC, flash, fw_cfg and PMU nodes are
//! left out: those devices do not exist here. Addresses come from
//! [`crate::memmap`], so the tree and the bus cannot disagree.
//!
//! The ISA is described three ways, as QEMU 8+ does: the legacy
//! `riscv,isa` string, `riscv,isa-base` and the `riscv,isa-extensions` list,
//! all from one table.

use vm_fdt::FdtWriter;

use crate::dev::finisher::{FINISHER_PASS, FINISHER_RESET};
use crate::dev::plic::NUM_SOURCES;
use crate::dev::uart16550::UART_CLOCK_HZ;
use crate::memmap::{
    CLINT_BASE, CLINT_SIZE, FINISHER_BASE, FINISHER_SIZE, MAX_VIRTIO_TRANSPORTS, PLIC_BASE,
    PLIC_SIZE, RAM_BASE, TIMEBASE_HZ, UART0_BASE, UART0_IRQ, UART0_SIZE, VIRTIO_SIZE, virtio_base,
    virtio_irq,
};
use crate::trap::Interrupt;

/// The hart's extensions, single letters first, in canonical order:
/// exactly what it implements. Zicntr (`cycle`, `time`, `instret`) is
/// there; Zihpm is not claimed, as the `hpmcounter` CSRs exist but count
/// nothing (they read zero).
const ISA_EXTENSIONS: &[&str] = &[
    "i", "m", "a", "f", "d", "c", "zicntr", "zicsr", "zifencei", "sstc",
];

// Phandles, numbered as QEMU numbers them for one hart.
const PHANDLE_CPU: u32 = 1;
const PHANDLE_CPU_INTC: u32 = 2;
const PHANDLE_PLIC: u32 = 3;
const PHANDLE_TEST: u32 = 4;

const _: () = assert!(TIMEBASE_HZ <= u32::MAX as u64);
/// The timebase as a device-tree cell.
const TIMEBASE_CELL: u32 = TIMEBASE_HZ as u32;

/// What the device tree describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FdtConfig<'a> {
    /// RAM size in bytes, from [`RAM_BASE`].
    pub ram_size: u32,
    /// Number of virtio-mmio transports, from [`crate::memmap::VIRTIO0_BASE`].
    pub virtio_count: u32,
    /// Kernel command line for `/chosen/bootargs`.
    pub bootargs: Option<&'a str>,
}

/// Error building the device tree.
#[derive(Debug, thiserror::Error)]
pub enum FdtError {
    /// More virtio transports than the address map holds.
    #[error("{0} virtio transports requested, at most {MAX_VIRTIO_TRANSPORTS} fit")]
    TooManyVirtio(u32),
    /// The writer refused the tree (e.g. a NUL in bootargs).
    #[error("cannot build the device tree")]
    Writer(#[from] vm_fdt::Error),
}

/// The `riscv,isa` string: "rv32" + single letters, then "_"-separated
/// multi-letter extensions.
pub fn isa_string() -> String {
    let mut isa = String::from("rv32");
    for ext in ISA_EXTENSIONS.iter().filter(|e| e.len() == 1) {
        isa.push_str(ext);
    }
    for ext in ISA_EXTENSIONS.iter().filter(|e| e.len() > 1) {
        isa.push('_');
        isa.push_str(ext);
    }
    isa
}

/// A `reg` value for a window with 2 address and 2 size cells.
fn reg(base: u32, size: u32) -> [u32; 4] {
    [0, base, 0, size]
}

/// Builds the device tree blob for `config`.
pub fn build(config: &FdtConfig) -> Result<Vec<u8>, FdtError> {
    if config.virtio_count > MAX_VIRTIO_TRANSPORTS {
        return Err(FdtError::TooManyVirtio(config.virtio_count));
    }
    let mut fdt = FdtWriter::new()?;
    let root = fdt.begin_node("")?;
    fdt.property_u32("#address-cells", 2)?;
    fdt.property_u32("#size-cells", 2)?;
    fdt.property_string("compatible", "riscv-virtio")?;
    fdt.property_string("model", "riscv-virtio,qemu")?;

    let chosen = fdt.begin_node("chosen")?;
    fdt.property_string("stdout-path", &format!("/soc/serial@{UART0_BASE:x}"))?;
    if let Some(bootargs) = config.bootargs {
        fdt.property_string("bootargs", bootargs)?;
    }
    fdt.end_node(chosen)?;

    let memory = fdt.begin_node(&format!("memory@{RAM_BASE:x}"))?;
    fdt.property_string("device_type", "memory")?;
    fdt.property_array_u32("reg", &reg(RAM_BASE, config.ram_size))?;
    fdt.end_node(memory)?;

    write_cpus(&mut fdt)?;
    write_soc(&mut fdt, config)?;

    for (name, compatible, value) in [
        ("reboot", "syscon-reboot", FINISHER_RESET),
        ("poweroff", "syscon-poweroff", FINISHER_PASS),
    ] {
        let node = fdt.begin_node(name)?;
        fdt.property_string("compatible", compatible)?;
        fdt.property_u32("regmap", PHANDLE_TEST)?;
        fdt.property_u32("offset", 0)?;
        fdt.property_u32("value", value)?;
        fdt.end_node(node)?;
    }

    fdt.end_node(root)?;
    Ok(fdt.finish()?)
}

/// `/cpus`: one hart with its local interrupt controller, and the cpu-map.
fn write_cpus(fdt: &mut FdtWriter) -> Result<(), FdtError> {
    let cpus = fdt.begin_node("cpus")?;
    fdt.property_u32("#address-cells", 1)?;
    fdt.property_u32("#size-cells", 0)?;
    fdt.property_u32("timebase-frequency", TIMEBASE_CELL)?;

    let cpu = fdt.begin_node("cpu@0")?;
    fdt.property_string("device_type", "cpu")?;
    fdt.property_u32("reg", 0)?;
    fdt.property_string("status", "okay")?;
    fdt.property_string("compatible", "riscv")?;
    fdt.property_string("riscv,isa", &isa_string())?;
    fdt.property_string("riscv,isa-base", "rv32i")?;
    let extensions = ISA_EXTENSIONS.iter().map(|e| e.to_string()).collect();
    fdt.property_string_list("riscv,isa-extensions", extensions)?;
    fdt.property_string("mmu-type", "riscv,sv32")?;
    fdt.property_phandle(PHANDLE_CPU)?;
    let intc = fdt.begin_node("interrupt-controller")?;
    fdt.property_u32("#interrupt-cells", 1)?;
    fdt.property_null("interrupt-controller")?;
    fdt.property_string("compatible", "riscv,cpu-intc")?;
    fdt.property_phandle(PHANDLE_CPU_INTC)?;
    fdt.end_node(intc)?;
    fdt.end_node(cpu)?;

    let map = fdt.begin_node("cpu-map")?;
    let cluster = fdt.begin_node("cluster0")?;
    let core = fdt.begin_node("core0")?;
    fdt.property_u32("cpu", PHANDLE_CPU)?;
    fdt.end_node(core)?;
    fdt.end_node(cluster)?;
    fdt.end_node(map)?;

    fdt.end_node(cpus)?;
    Ok(())
}

/// `/soc`: the memory-mapped devices.
fn write_soc(fdt: &mut FdtWriter, config: &FdtConfig) -> Result<(), FdtError> {
    let soc = fdt.begin_node("soc")?;
    fdt.property_u32("#address-cells", 2)?;
    fdt.property_u32("#size-cells", 2)?;
    fdt.property_string("compatible", "simple-bus")?;
    fdt.property_null("ranges")?;

    let clint = fdt.begin_node(&format!("clint@{CLINT_BASE:x}"))?;
    fdt.property_string_list(
        "compatible",
        vec!["sifive,clint0".into(), "riscv,clint0".into()],
    )?;
    fdt.property_array_u32("reg", &reg(CLINT_BASE, CLINT_SIZE))?;
    fdt.property_array_u32(
        "interrupts-extended",
        &[
            PHANDLE_CPU_INTC,
            Interrupt::MachineSoftware.code(),
            PHANDLE_CPU_INTC,
            Interrupt::MachineTimer.code(),
        ],
    )?;
    fdt.end_node(clint)?;

    let plic = fdt.begin_node(&format!("plic@{PLIC_BASE:x}"))?;
    fdt.property_u32("#interrupt-cells", 1)?;
    fdt.property_u32("#address-cells", 0)?;
    fdt.property_string_list(
        "compatible",
        vec!["sifive,plic-1.0.0".into(), "riscv,plic0".into()],
    )?;
    fdt.property_null("interrupt-controller")?;
    fdt.property_array_u32(
        "interrupts-extended",
        &[
            PHANDLE_CPU_INTC,
            Interrupt::MachineExternal.code(),
            PHANDLE_CPU_INTC,
            Interrupt::SupervisorExternal.code(),
        ],
    )?;
    fdt.property_array_u32("reg", &reg(PLIC_BASE, PLIC_SIZE))?;
    // QEMU's value: the number of sources counting source 0.
    fdt.property_u32("riscv,ndev", NUM_SOURCES)?;
    fdt.property_phandle(PHANDLE_PLIC)?;
    fdt.end_node(plic)?;

    let serial = fdt.begin_node(&format!("serial@{UART0_BASE:x}"))?;
    fdt.property_string("compatible", "ns16550a")?;
    fdt.property_array_u32("reg", &reg(UART0_BASE, UART0_SIZE))?;
    fdt.property_u32("clock-frequency", UART_CLOCK_HZ)?;
    fdt.property_u32("interrupt-parent", PHANDLE_PLIC)?;
    fdt.property_u32("interrupts", UART0_IRQ)?;
    fdt.end_node(serial)?;

    for n in 0..config.virtio_count {
        let base = virtio_base(n);
        let virtio = fdt.begin_node(&format!("virtio_mmio@{base:x}"))?;
        fdt.property_string("compatible", "virtio,mmio")?;
        fdt.property_array_u32("reg", &reg(base, VIRTIO_SIZE))?;
        fdt.property_u32("interrupt-parent", PHANDLE_PLIC)?;
        fdt.property_u32("interrupts", virtio_irq(n))?;
        fdt.end_node(virtio)?;
    }

    let test = fdt.begin_node(&format!("test@{FINISHER_BASE:x}"))?;
    fdt.property_string_list(
        "compatible",
        vec![
            "sifive,test1".into(),
            "sifive,test0".into(),
            "syscon".into(),
        ],
    )?;
    fdt.property_array_u32("reg", &reg(FINISHER_BASE, FINISHER_SIZE))?;
    fdt.property_phandle(PHANDLE_TEST)?;
    fdt.end_node(test)?;

    fdt.end_node(soc)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memmap::DEFAULT_RAM_SIZE;

    fn config(virtio_count: u32, bootargs: Option<&str>) -> FdtConfig<'_> {
        FdtConfig {
            ram_size: DEFAULT_RAM_SIZE,
            virtio_count,
            bootargs,
        }
    }

    fn cell(node: ::fdt::node::FdtNode, name: &str) -> usize {
        node.property(name)
            .and_then(|p| p.as_usize())
            .unwrap_or_else(|| panic!("{name}"))
    }

    fn compatible(node: ::fdt::node::FdtNode) -> Vec<String> {
        node.compatible()
            .unwrap()
            .all()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn isa_string_matches_the_extension_table() {
        assert_eq!(isa_string(), "rv32imafdc_zicntr_zicsr_zifencei_sstc");
    }

    #[test]
    fn header_and_root() {
        let blob = build(&config(1, None)).unwrap();
        assert_eq!(&blob[..4], &[0xd0, 0x0d, 0xfe, 0xed]);
        assert_eq!(
            u32::from_be_bytes(blob[4..8].try_into().unwrap()) as usize,
            blob.len()
        );
        let tree = ::fdt::Fdt::new(&blob).unwrap();
        assert_eq!(tree.total_size(), blob.len());
        assert_eq!(tree.root().compatible().first(), "riscv-virtio");
        assert_eq!(tree.root().model(), "riscv-virtio,qemu");
        assert_eq!(tree.chosen().bootargs(), None);
        assert_eq!(tree.chosen().stdout().unwrap().name, "serial@10000000");
    }

    #[test]
    fn memory_and_cpu() {
        let blob = build(&FdtConfig {
            ram_size: 64 << 20,
            ..config(1, None)
        })
        .unwrap();
        let tree = ::fdt::Fdt::new(&blob).unwrap();
        let region = tree.memory().regions().next().unwrap();
        assert_eq!(region.starting_address as usize, 0x8000_0000);
        assert_eq!(region.size, Some(64 << 20));

        let cpus: Vec<_> = tree.cpus().collect();
        assert_eq!(cpus.len(), 1);
        assert_eq!(cpus[0].ids().first(), 0);
        assert_eq!(cpus[0].timebase_frequency(), 10_000_000);
        let cpu = tree.find_node("/cpus/cpu@0").unwrap();
        let prop = |name| cpu.property(name).and_then(|p| p.as_str()).unwrap();
        assert_eq!(prop("riscv,isa"), "rv32imafdc_zicntr_zicsr_zifencei_sstc");
        assert_eq!(prop("riscv,isa-base"), "rv32i");
        assert_eq!(prop("mmu-type"), "riscv,sv32");
        let list = cpu.property("riscv,isa-extensions").unwrap().value;
        assert_eq!(list, b"i\0m\0a\0f\0d\0c\0zicntr\0zicsr\0zifencei\0sstc\0");
        let intc = tree.find_node("/cpus/cpu@0/interrupt-controller").unwrap();
        assert_eq!(compatible(intc), ["riscv,cpu-intc"]);
        assert_eq!(cell(intc, "phandle"), PHANDLE_CPU_INTC as usize);
        assert_eq!(
            cell(
                tree.find_node("/cpus/cpu-map/cluster0/core0").unwrap(),
                "cpu"
            ),
            1
        );
    }

    #[test]
    fn interrupt_controllers() {
        let blob = build(&config(1, None)).unwrap();
        let tree = ::fdt::Fdt::new(&blob).unwrap();
        let clint = tree.find_node("/soc/clint@2000000").unwrap();
        assert_eq!(compatible(clint), ["sifive,clint0", "riscv,clint0"]);
        let reg = clint.reg().unwrap().next().unwrap();
        assert_eq!(
            (reg.starting_address as usize, reg.size),
            (0x200_0000, Some(0x1_0000))
        );
        let cells = clint.property("interrupts-extended").unwrap().value;
        assert_eq!(cells, [0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 7]);

        let plic = tree.find_node("/soc/plic@c000000").unwrap();
        assert_eq!(compatible(plic), ["sifive,plic-1.0.0", "riscv,plic0"]);
        assert_eq!(cell(plic, "riscv,ndev"), 96);
        assert!(plic.property("interrupt-controller").is_some());
        let cells = plic.property("interrupts-extended").unwrap().value;
        assert_eq!(cells, [0, 0, 0, 2, 0, 0, 0, 11, 0, 0, 0, 2, 0, 0, 0, 9]);
        let reg = plic.reg().unwrap().next().unwrap();
        assert_eq!(reg.size, Some(0x60_0000));
    }

    #[test]
    fn serial_virtio_and_finisher() {
        let blob = build(&config(3, Some("console=ttyS0 root=/dev/vda"))).unwrap();
        let tree = ::fdt::Fdt::new(&blob).unwrap();
        assert_eq!(
            tree.chosen().bootargs(),
            Some("console=ttyS0 root=/dev/vda")
        );

        let serial = tree.find_node("/soc/serial@10000000").unwrap();
        assert_eq!(compatible(serial), ["ns16550a"]);
        assert_eq!(cell(serial, "clock-frequency"), 3_686_400);
        assert_eq!(serial.interrupts().unwrap().collect::<Vec<_>>(), [10]);
        assert_eq!(serial.interrupt_parent().unwrap().name, "plic@c000000");

        let virtio: Vec<_> = tree
            .all_nodes()
            .filter(|n| n.name.starts_with("virtio_mmio@"))
            .collect();
        assert_eq!(virtio.len(), 3);
        for (n, node) in virtio.iter().enumerate() {
            assert_eq!(compatible(*node), ["virtio,mmio"]);
            let reg = node.reg().unwrap().next().unwrap();
            assert_eq!(reg.starting_address as usize, 0x1000_1000 + n * 0x1000);
            assert_eq!(node.interrupts().unwrap().collect::<Vec<_>>(), [1 + n]);
        }

        let test = tree.find_node("/soc/test@100000").unwrap();
        assert_eq!(compatible(test), ["sifive,test1", "sifive,test0", "syscon"]);
        let poweroff = tree.find_node("/poweroff").unwrap();
        assert_eq!(compatible(poweroff), ["syscon-poweroff"]);
        assert_eq!(cell(poweroff, "value"), 0x5555);
        assert_eq!(
            tree.find_phandle(cell(poweroff, "regmap") as u32)
                .unwrap()
                .name,
            "test@100000"
        );
        let reboot = tree.find_node("/reboot").unwrap();
        assert_eq!(cell(reboot, "value"), 0x7777);
        assert_eq!(cell(reboot, "offset"), 0);
    }

    #[test]
    fn bad_configurations_are_errors() {
        assert!(matches!(
            build(&config(9, None)),
            Err(FdtError::TooManyVirtio(9))
        ));
        assert!(matches!(
            build(&config(1, Some("a\0b"))),
            Err(FdtError::Writer(_))
        ));
        let blob = build(&config(0, None)).unwrap();
        let tree = ::fdt::Fdt::new(&blob).unwrap();
        assert_eq!(
            tree.all_nodes()
                .filter(|n| n.name.starts_with("virtio"))
                .count(),
            0
        );
    }
}
