//! Suivi d'un travail long (import, campagne, gros document) partagé entre fils d'exécution :
//! le travail avance le compteur, la fenêtre lit l'avancement et peut demander l'annulation.
//! Le travail annulé s'arrête à sa prochaine étape et défait tout ce qu'il avait écrit.

use crate::{Erreur, Resultat};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

/// Compteurs d'un travail, lus et écrits sans verrou (atomiques) : `Send + Sync`.
#[derive(Debug)]
pub struct Suivi {
    fait: AtomicU64,
    total: AtomicU64,
    annule: AtomicBool,
    debut: Instant,
}

impl Default for Suivi {
    fn default() -> Self {
        Suivi {
            fait: AtomicU64::new(0),
            total: AtomicU64::new(0),
            annule: AtomicBool::new(false),
            debut: Instant::now(),
        }
    }
}

/// Ce que montre la barre de progression.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Avancement {
    pub fait: u64,
    pub total: u64,
    pub secondes_restantes: Option<u64>,
}

impl Suivi {
    pub fn fixer_total(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// Note que `fait` unités sont faites ; Err(Erreur::Annulee) si annuler() a été appelé.
    pub fn avancer(&self, fait: u64) -> Resultat<()> {
        self.fait.store(fait, Ordering::Relaxed);
        if self.est_annule() {
            return Err(Erreur::Annulee);
        }
        Ok(())
    }

    pub fn annuler(&self) {
        self.annule.store(true, Ordering::Relaxed);
    }

    pub fn est_annule(&self) -> bool {
        self.annule.load(Ordering::Relaxed)
    }

    pub fn avancement(&self) -> Avancement {
        let fait = self.fait.load(Ordering::Relaxed);
        let total = self.total.load(Ordering::Relaxed);
        Avancement {
            fait,
            total,
            secondes_restantes: estimer(self.debut.elapsed().as_secs_f64(), fait, total),
        }
    }
}

/// Temps restant au rythme observé jusqu'ici ; rien tant que rien n'est fait.
fn estimer(ecoule: f64, fait: u64, total: u64) -> Option<u64> {
    if fait == 0 {
        return None;
    }
    let reste = total.saturating_sub(fait) as f64;
    Some((ecoule / fait as f64 * reste).ceil() as u64)
}

// Vérifié à la compilation : le suivi se partage entre fils (Arc<Suivi>).
const _: fn() = || {
    fn partageable<T: Send + Sync>() {}
    partageable::<Suivi>();
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimation() {
        assert_eq!(estimer(10.0, 0, 100), None);
        assert_eq!(estimer(10.0, 50, 100), Some(10));
        assert_eq!(estimer(10.0, 100, 100), Some(0));
        assert_eq!(estimer(1.0, 3, 2), Some(0));
    }

    #[test]
    fn annulation() {
        let s = Suivi::default();
        s.fixer_total(3);
        assert!(s.avancer(1).is_ok());
        s.annuler();
        assert!(s.est_annule());
        assert!(matches!(s.avancer(2), Err(Erreur::Annulee)));
        let a = s.avancement();
        assert_eq!((a.fait, a.total), (2, 3));
        assert!(a.secondes_restantes.is_some());
    }
}
