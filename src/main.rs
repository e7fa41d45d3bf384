use std::process::ExitCode;

fn main() -> ExitCode {
    healthreport::main()
}
