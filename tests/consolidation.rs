//! Consolidation : identifiants globaux, paquets exportés puis fusionnés dans une autre base.

#[path = "consolidation/bilan_2007.rs"]
mod bilan_2007;
mod common;
#[path = "consolidation/conflits.rs"]
mod conflits;
#[path = "consolidation/outils.rs"]
mod outils;
#[path = "consolidation/paquets_refuses.rs"]
mod paquets_refuses;
#[path = "consolidation/recherche.rs"]
mod recherche;
#[path = "consolidation/tout.rs"]
mod tout;
