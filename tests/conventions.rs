//! Conventions : saisie contrôlée, dates dérivées qui suivent les avenants, historique des
//! statuts, échéancier et son export iCalendar relu.

mod common;

#[path = "conventions/outils.rs"]
mod outils;

#[path = "conventions/calendriers.rs"]
mod calendriers;
#[path = "conventions/fiches.rs"]
mod fiches;
#[path = "conventions/suivi.rs"]
mod suivi;
