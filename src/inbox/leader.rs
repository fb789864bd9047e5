//! One long poll per browser. The tabs of one user elect a leader with the Web Locks API: each
//! asks for the same lock, and the one granted it holds it for as long as it lives. Only the
//! leader polls `GET /api/updates`, and it passes every answer on to the others over a
//! `BroadcastChannel`; `domain::relay` says what a tab does with one. When the leader's tab
//! closes, or its element is removed (dropping [`Tabs`] releases the lock), the browser grants the
//! lock to a tab waiting, which polls on from the last cursor it heard.
//!
//! `navigator.locks` is called through `Reflect`: web-sys has it only among its unstable APIs.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Poll, Waker};

use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{AbortController, BroadcastChannel, MessageEvent};

use crate::api::Api;
use crate::domain::relay;

/// What one task waits for, queued in the order it came: what the lock and the other tabs tell
/// the loop, or this tab's place once `GET /me` has answered. (`futures`' channels are more wasm
/// for the same.)
struct Post<T>(Rc<RefCell<(VecDeque<T>, Option<Waker>)>>);

impl<T> Clone for Post<T> {
    fn clone(&self) -> Self {
        Post(self.0.clone())
    }
}

impl<T> Post<T> {
    fn new() -> Self {
        Post(Rc::new(RefCell::new((VecDeque::new(), None))))
    }

    fn send(&self, item: T) {
        let waiting = {
            let mut post = self.0.borrow_mut();
            post.0.push_back(item);
            post.1.take()
        };
        if let Some(waker) = waiting {
            waker.wake();
        }
    }

    fn take(&self) -> Option<T> {
        self.0.borrow_mut().0.pop_front()
    }

    /// The next item, or `None` once `until` is ready.
    async fn next(&self, mut until: impl Future<Output = ()> + Unpin) -> Option<T> {
        poll_fn(|cx| {
            let mut post = self.0.borrow_mut();
            if let Some(item) = post.0.pop_front() {
                return Poll::Ready(Some(item));
            }
            if Pin::new(&mut until).poll(cx).is_ready() {
                return Poll::Ready(None);
            }
            post.1 = Some(cx.waker().clone());
            Poll::Pending
        })
        .await
    }
}

/// What this tab heard, in the order it heard it.
enum Heard {
    /// The lock is this tab's: it leads from now on.
    Elected,
    /// An answer the leader passed on (`domain::relay::relay`).
    Relayed(String),
}

/// What the updates loop does next.
pub(super) enum Turn {
    /// Poll: this tab leads.
    Poll,
    /// Take the leader's answer (`domain::relay::Relayed`).
    Relayed(String),
}

/// The lock as this tab holds it: its release, once granted, and whether it must let go at once.
#[derive(Default)]
struct Held {
    release: Option<Function>,
    released: bool,
}

/// Called with the lock when it is granted; answers a promise held until this tab leaves.
type Granted = Closure<dyn FnMut(JsValue) -> Promise>;

/// This tab's place among its user's tabs. Dropped (the loop stops), it leaves: the channel
/// closes, a lock held is released, and a lock still asked for is no longer wanted.
pub(super) struct Tabs {
    channel: BroadcastChannel,
    heard: Post<Heard>,
    leads: bool,
    held: Rc<RefCell<Held>>,
    abort: AbortController,
    /// The lock request's promise, and the callback it calls when granted, which lives until
    /// the promise settles: the browser may call it after this tab has left.
    asked: Option<(Promise, Granted)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

/// This tab's place among its user's tabs, once `GET /me` has said who is signed in (the name
/// is the user's): `None`, to poll alone as before, in a browser without Web Locks or
/// `BroadcastChannel`. A place the loop never took is dropped with the page, and left.
pub(super) struct Place(Post<Option<Tabs>>);

pub(super) fn join(api: Api) -> Place {
    let place = Post::new();
    let joined = std::cell::Cell::new(Some(place.clone()));
    Effect::new(move || {
        let (Some(owner), Some(base)) = (api.owner(), api.base()) else { return };
        if let Some(place) = joined.take() {
            place.send(Tabs::join(&relay::tabs_name(&owner, &base)));
        }
    });
    Place(place)
}

impl Place {
    /// The place, waiting for it up to `ms`.
    pub(super) async fn wait(&self, ms: u32) -> Option<Tabs> {
        self.0.next(gloo_timers::future::TimeoutFuture::new(ms)).await.flatten()
    }

    /// The place, if it has come.
    pub(super) fn now(&self) -> Option<Tabs> {
        self.0.take().flatten()
    }
}

impl Tabs {
    fn join(name: &str) -> Option<Tabs> {
        let locks = Reflect::get(&window().navigator(), &"locks".into()).ok().filter(JsValue::is_object)?;
        let request = Reflect::get(&locks, &"request".into()).ok()?.dyn_into::<Function>().ok()?;
        let abort = AbortController::new().ok()?;
        let channel = BroadcastChannel::new(name).ok()?;
        let heard = Post::new();
        let tell = heard.clone();
        let on_message = {
            let tell = tell.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                if let Some(data) = e.data().as_string() {
                    tell.send(Heard::Relayed(data));
                }
            })
        };
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let held = Rc::new(RefCell::new(Held::default()));
        let granted = {
            let held = held.clone();
            // Held until the promise returned here settles, which is when this tab leaves.
            Granted::new(move |_lock| {
                let mut release = None;
                let holding = Promise::new(&mut |resolve, _| release = Some(resolve));
                let mut held = held.borrow_mut();
                match release {
                    Some(release) if held.released => drop(release.call0(&JsValue::NULL)),
                    release => {
                        held.release = release;
                        tell.send(Heard::Elected);
                    }
                }
                holding
            })
        };
        let mut tabs = Tabs { channel, heard, leads: false, held, abort, asked: None, _on_message: on_message };
        let options = Object::new();
        Reflect::set(&options, &"signal".into(), &tabs.abort.signal()).ok()?;
        let asked = request.call3(&locks, &name.into(), &options, granted.as_ref()).ok()?.dyn_into::<Promise>().ok()?;
        tabs.asked = Some((asked, granted));
        Some(tabs)
    }

    /// Waits for this tab's turn: the leader's next answer while it follows; as the leader,
    /// the answers the last one passed on before it left first, then a poll of its own.
    pub(super) async fn turn(&mut self) -> Turn {
        loop {
            let heard = if self.leads { self.heard.take() } else { self.heard.next(std::future::pending()).await };
            let Some(heard) = heard else { return Turn::Poll };
            match heard {
                Heard::Elected => self.leads = true,
                Heard::Relayed(data) => return Turn::Relayed(data),
            }
        }
    }

    /// Passes the server's answer to `since` on to the other tabs.
    pub(super) fn share(&self, since: u64, answer: &str) {
        let _ = self.channel.post_message(&relay::relay(since, answer).into());
    }
}

impl Drop for Tabs {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
        let mut held = self.held.borrow_mut();
        held.released = true;
        if let Some(release) = held.release.take() {
            let _ = release.call0(&JsValue::NULL);
        }
        // A request not granted yet is withdrawn (its promise rejects, which is expected).
        self.abort.abort();
        if let Some((asked, granted)) = self.asked.take() {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(asked).await;
                drop(granted);
            });
        }
    }
}
