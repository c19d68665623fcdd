//! A TCP proxy on 127.0.0.1 that passes everything to one upstream address until it is told to
//! cut: then, after a chosen number of further bytes from the client, it closes every
//! connection it carries (both ends, mid-request) and closes every new one at once, until told
//! to pass again. For uploads cut off part-way (a network that drops, a server that goes away)
//! while the server behind it keeps running and can be asked afterwards what it holds.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// A running proxy; stopped when dropped.
pub struct CutProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

struct Shared {
    upstream: SocketAddr,
    stop: AtomicBool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Bytes passed from clients to the upstream, over all connections.
    forwarded: u64,
    /// Cut when `forwarded` reaches this (None: pass everything).
    cut_at: Option<u64>,
    /// Cut: every connection closed, new ones refused.
    cut: bool,
    /// Both ends of every live connection, to close them on a cut.
    open: Vec<TcpStream>,
}

impl CutProxy {
    /// Starts a proxy to `upstream` that passes everything.
    pub fn start(upstream: SocketAddr) -> CutProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            upstream,
            stop: AtomicBool::new(false),
            state: Mutex::new(State::default()),
        });
        let accepting = shared.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if accepting.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                let shared = accepting.clone();
                std::thread::spawn(move || carry(client, shared));
            }
        });
        CutProxy { addr, shared }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Its address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Cut after `bytes` more bytes from clients (0: now).
    pub fn cut_after(&self, bytes: u64) {
        let mut state = self.shared.state.lock().unwrap();
        let at = state.forwarded + bytes;
        state.cut_at = Some(at);
        if bytes == 0 {
            cut(&mut state);
        }
    }

    /// Pass everything again.
    pub fn pass(&self) {
        let mut state = self.shared.state.lock().unwrap();
        state.cut_at = None;
        state.cut = false;
    }

    /// Whether it has cut.
    pub fn has_cut(&self) -> bool {
        self.shared.state.lock().unwrap().cut
    }

    /// Bytes passed from clients to the upstream so far.
    pub fn forwarded(&self) -> u64 {
        self.shared.state.lock().unwrap().forwarded
    }
}

impl Drop for CutProxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        cut(&mut self.shared.state.lock().unwrap());
        // Wake the accepting thread so it sees the stop.
        let _ = TcpStream::connect(self.addr);
    }
}

fn cut(state: &mut State) {
    state.cut = true;
    for stream in state.open.drain(..) {
        let _ = stream.shutdown(Shutdown::Both);
    }
}

/// One connection: client to upstream on this thread (counted, cut), the other way on another.
fn carry(client: TcpStream, shared: Arc<Shared>) {
    let upstream = {
        let mut state = shared.state.lock().unwrap();
        if state.cut || shared.stop.load(Ordering::SeqCst) {
            let _ = client.shutdown(Shutdown::Both);
            return;
        }
        let Ok(upstream) = TcpStream::connect(shared.upstream) else {
            let _ = client.shutdown(Shutdown::Both);
            return;
        };
        state.open.push(client.try_clone().unwrap());
        state.open.push(upstream.try_clone().unwrap());
        upstream
    };
    let _ = client.set_nodelay(true);
    let _ = upstream.set_nodelay(true);
    let (mut from_upstream, mut to_client) =
        (upstream.try_clone().unwrap(), client.try_clone().unwrap());
    let back = std::thread::spawn(move || {
        let _ = std::io::copy(&mut from_upstream, &mut to_client);
        let _ = to_client.shutdown(Shutdown::Write);
    });
    let (mut from_client, mut to_upstream) = (client, upstream);
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match from_client.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let mut state = shared.state.lock().unwrap();
        if state.cut {
            break;
        }
        let allowed = match state.cut_at {
            Some(at) => (at.saturating_sub(state.forwarded) as usize).min(n),
            None => n,
        };
        if allowed > 0 && to_upstream.write_all(&buf[..allowed]).is_err() {
            break;
        }
        state.forwarded += allowed as u64;
        if allowed < n || state.cut_at.is_some_and(|at| state.forwarded >= at) {
            cut(&mut state);
            break;
        }
    }
    let _ = to_upstream.shutdown(Shutdown::Write);
    let _ = back.join();
}
