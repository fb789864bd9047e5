//! What the handlers share: the one [`World`] behind its mutex, and what wakes long polls.

use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

use crate::world::World;

#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    world: Mutex<World>,
    /// Wakes long polls of `/api/updates`.
    pub changed: Notify,
}

impl AppState {
    pub fn new(world: World) -> Self {
        AppState(Arc::new(Shared { world: Mutex::new(world), changed: Notify::new() }))
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
