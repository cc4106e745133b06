//! Tests of the engine's private items, one file a module of the engine,
//! reached through its `internals` (on only for its own tests).

mod bank {
    mod fingerprint;
}
mod compare;
mod date;
mod saved;
mod scoring {
    mod find_out;
    mod levers;
    mod settle;
}
mod summarize {
    mod noise;
    mod stats;
}
