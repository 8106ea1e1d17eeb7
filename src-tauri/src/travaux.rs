//! Les longs travaux (imports, campagne de renouvellement) : chacun sur un fil à part, avec sa
//! propre connexion à la base (WAL : la fenêtre continue de lire pendant qu'il écrit), suivi
//! par la page (avancement, temps restant) et annulable (tout est alors défait).

use crate::erreur::ErreurApp;
use passerelle_core::travail::{Avancement, Suivi};
use passerelle_core::{base, Connection};
use serde::Serialize;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

type Fin = Result<serde_json::Value, ErreurApp>;

#[derive(Default)]
pub struct Travaux {
    suivant: AtomicU64,
    en_cours: Mutex<HashMap<u64, Arc<Travail>>>,
}

#[derive(Default)]
struct Travail {
    suivi: Suivi,
    fin: Mutex<Option<Fin>>,
}

/// Ce que la page lit d'un travail : où il en est, puis son résultat ou son erreur.
#[derive(Serialize)]
pub struct EtatTravail {
    #[serde(flatten)]
    pub avancement: Avancement,
    pub fini: bool,
    pub resultat: Option<serde_json::Value>,
    pub erreur: Option<ErreurApp>,
}

impl Travaux {
    /// Lance `f` sur la base `chemin` ; rend le numéro du travail.
    pub fn lancer<T: Serialize + 'static, E: Into<ErreurApp>>(
        &self,
        chemin: PathBuf,
        f: impl FnOnce(&Connection, &Suivi) -> Result<T, E> + Send + 'static,
    ) -> u64 {
        let id = self.suivant.fetch_add(1, Ordering::Relaxed) + 1;
        let travail = Arc::new(Travail::default());
        self.liste().insert(id, travail.clone());
        std::thread::spawn(move || {
            let fin = match catch_unwind(AssertUnwindSafe(|| {
                let conn = base::connexion_de_travail(&chemin)?;
                f(&conn, &travail.suivi).map_err(Into::into)
            })) {
                // Nos comptes rendus se sérialisent toujours ; un échec serait une erreur interne.
                Ok(Ok(v)) => serde_json::to_value(v).map_err(|_| ErreurApp::Panique),
                Ok(Err(e)) => Err(e),
                Err(_) => Err(ErreurApp::Panique),
            };
            *travail.fin.lock().unwrap_or_else(|p| p.into_inner()) = Some(fin);
        });
        id
    }

    fn liste(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Travail>>> {
        self.en_cours.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// L'état du travail ; une fois le résultat rendu, le travail est oublié.
    pub fn suivre(&self, id: u64) -> Result<EtatTravail, ErreurApp> {
        let travail = self
            .liste()
            .get(&id)
            .cloned()
            .ok_or(ErreurApp::TravailInconnu)?;
        let fin = travail.fin.lock().unwrap_or_else(|p| p.into_inner()).take();
        let avancement = travail.suivi.avancement();
        let Some(fin) = fin else {
            return Ok(EtatTravail {
                avancement,
                fini: false,
                resultat: None,
                erreur: None,
            });
        };
        self.liste().remove(&id);
        let (resultat, erreur) = match fin {
            Ok(v) => (Some(v), None),
            Err(e) => (None, Some(e)),
        };
        Ok(EtatTravail {
            avancement,
            fini: true,
            resultat,
            erreur,
        })
    }

    /// Demande l'arrêt : le travail défait tout ce qu'il avait écrit, puis s'arrête.
    pub fn annuler(&self, id: u64) -> Result<(), ErreurApp> {
        self.liste()
            .get(&id)
            .ok_or(ErreurApp::TravailInconnu)?
            .suivi
            .annuler();
        Ok(())
    }
}
