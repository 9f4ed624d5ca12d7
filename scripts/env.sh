# Sourced by the scripts: where the tools live, first on PATH. Cargo-installed tools
# (wasm-pack, wasm-bindgen-cli) go under CARGO_INSTALL_ROOT (default ~/.cargo), npm's binaryen
# (wasm-opt) under WASM_TOOLS_DIR (default ~/.cache/wasm-tools). Point both at empty folders
# to check that a fresh machine works: setup.sh looks only there, so every install happens.
TOOLS_BIN="${CARGO_INSTALL_ROOT:-$HOME/.cargo}/bin"
WASM_TOOLS="${WASM_TOOLS_DIR:-$HOME/.cache/wasm-tools}"
export PATH="$WASM_TOOLS/node_modules/.bin:$TOOLS_BIN:$HOME/.cargo/bin:$PATH"
