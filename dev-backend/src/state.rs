//! What the handlers share: the one [`World`] behind its mutex, and what wakes long polls.

use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

use crate::breaks::Breaks;
use crate::world::World;

#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    world: Mutex<World>,
    /// Wakes long polls of `/api/updates`.
    pub changed: Notify,
    /// `--break`: the conformance requirements whose behaviour is off; empty by default.
    breaks: Breaks,
    /// `--state-secret`: what the test-state hook (`POST /sim/state`) must be given; `None`: no hook.
    state_secret: Option<String>,
}

impl AppState {
    pub fn new(world: World) -> Self {
        Self::testing(world, Breaks::default(), None)
    }

    /// A world for the conformance kit: with breaks, or with the test-state hook's secret.
    pub fn testing(world: World, breaks: Breaks, state_secret: Option<String>) -> Self {
        AppState(Arc::new(Shared { world: Mutex::new(world), changed: Notify::new(), breaks, state_secret }))
    }

    pub fn breaks(&self) -> &Breaks {
        &self.0.breaks
    }

    pub fn state_secret(&self) -> Option<&str> {
        self.0.state_secret.as_deref()
    }

    /// Never held across an await.
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.0.world.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn changed(&self) -> &Notify {
        &self.0.changed
    }

    /// Runs `f` on the world and wakes long polls if it added events.
    pub fn mutate<T>(&self, f: impl FnOnce(&mut World) -> T) -> T {
        let (out, moved) = {
            let mut world = self.world();
            let before = world.cursor;
            let out = f(&mut world);
            (out, world.cursor != before)
        };
        if moved {
            self.0.changed.notify_waiters();
        }
        out
    }
}
