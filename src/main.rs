//! The `schemagate` binary: hands the arguments to the library and exits with its code.

fn main() {
    if let Err(code) = schemagate::run(std::env::args_os()) {
        std::process::exit(code);
    }
}
