//! The console the command line writes to, made ready before anything is printed.
//!
//! On Windows, Chinese text reaches cmd.exe and PowerShell whatever their code page: Rust's
//! standard output and error write to a console through `WriteConsoleW` (UTF-16), so the code
//! page is not changed (a `SetConsoleOutputCP(65001)` would outlive the run in that window).
//! Output redirected to a file or a pipe is UTF-8, as on every other system; `-o 文件` writes
//! the file itself, which is the way for PowerShell 5.1, whose `>` re-encodes what it receives.
//! What is done here: the console's handling of colour sequences is switched on (Windows 10
//! and later), so that the coloured findings shown in a terminal are colours, not `←[31m`;
//! where that cannot be done the sequences are left out ([`colour`]). Elsewhere nothing is done.

use std::io::IsTerminal;

/// Makes the console ready (Windows: colour sequences understood); call once, first.
pub fn prepare() {
    #[cfg(windows)]
    windows::enable_colour();
}

/// Whether standard error is a terminal that shows colours.
pub fn colour() -> bool {
    std::io::stderr().is_terminal() && colour_understood()
}

/// Whether standard output is a terminal that shows colours.
pub fn colour_out() -> bool {
    std::io::stdout().is_terminal() && colour_understood()
}

#[cfg(windows)]
fn colour_understood() -> bool {
    windows::COLOUR.load(std::sync::atomic::Ordering::Relaxed)
}

#[cfg(not(windows))]
fn colour_understood() -> bool {
    true
}

#[cfg(windows)]
mod windows {
    use std::sync::atomic::{AtomicBool, Ordering};

    use windows_sys::Win32::System::Console::{
        CONSOLE_MODE, ENABLE_VIRTUAL_TERMINAL_PROCESSING, GetConsoleMode, GetStdHandle,
        STD_ERROR_HANDLE, STD_OUTPUT_HANDLE, SetConsoleMode,
    };

    /// Whether every console among standard output and error understands colour sequences.
    pub static COLOUR: AtomicBool = AtomicBool::new(false);

    pub fn enable_colour() {
        let mut all = true;
        for which in [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE] {
            // SAFETY: the handle is the process's own; GetConsoleMode fails (0) on one that is
            // not a console (a file, a pipe), which is then left as it is
            unsafe {
                let handle = GetStdHandle(which);
                let mut mode: CONSOLE_MODE = 0;
                if GetConsoleMode(handle, &mut mode) == 0 {
                    continue;
                }
                if mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING == 0
                    && SetConsoleMode(handle, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) == 0
                {
                    all = false;
                }
            }
        }
        COLOUR.store(all, Ordering::Relaxed);
    }
}
