//! Imports longs : annulation avant ou pendant, suivi jusqu'au bout, et gros import (plus de
//! 5 000 lignes) tout ou rien, noté d'une seule entrée au journal.

use super::ENTETE_ACTIONS;
use crate::common::compter;
use passerelle_core::ipe::import;
use passerelle_core::travail::Suivi;
use passerelle_core::{base, Connection, Erreur};

/// Un fichier d'actions de `n` lignes, toutes valides, sur une base neuve.
pub(crate) fn actions_generees(n: usize) -> String {
    let mut f = format!("{ENTETE_ACTIONS}\n");
    for i in 0..n {
        f.push_str(&format!(
            "05/03/2026;;Lille;stages;Action {i};1;1;1;1;1;1;1\n"
        ));
    }
    f
}

#[test]
fn import_annule_avant_de_commencer_n_ecrit_rien() {
    let c = base::en_memoire().unwrap();
    let suivi = Suivi::default();
    suivi.annuler();
    // L'import choisi par son nom, comme la fenêtre le demande.
    let e = import::importer(
        &c,
        "actions-ipe",
        actions_generees(3).as_bytes(),
        false,
        &suivi,
    )
    .unwrap_err();
    assert!(matches!(e, Erreur::Annulee), "{e}");
    assert_eq!(
        e.to_string(),
        "Opération annulée : rien n'a été enregistré."
    );
    assert_eq!(serde_json::to_value(&e).unwrap()["code"], "annulee");
    assert_eq!(compter(&c, "action_ipe"), 0);
}

#[test]
fn import_suivi_jusqu_au_bout() {
    let c = base::en_memoire().unwrap();
    let suivi = Suivi::default();
    let r = import::importer_actions(&c, actions_generees(250).as_bytes(), false, &suivi).unwrap();
    let a = suivi.avancement();
    assert_eq!((a.fait, a.total, r.lignes), (250, 250, 250));
    assert_eq!(a.secondes_restantes, Some(0));
    assert_eq!(compter(&c, "action_ipe"), 250);
}

#[test]
fn import_annule_depuis_un_autre_fil_defait_tout() {
    let c = base::en_memoire().unwrap();
    let suivi = std::sync::Arc::new(Suivi::default());
    // Pour ne pas dépendre de la vitesse de la machine : un déclencheur retient l'import dès la
    // 100e ligne tant que l'autre fil n'a pas annulé. Sans lui, l'import pourrait finir avant.
    let s = suivi.clone();
    c.create_scalar_function("attendre_annulation", 0, Default::default(), move |_| {
        while s.avancement().fait >= 100 && !s.est_annule() {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        Ok(0)
    })
    .unwrap();
    c.execute_batch("CREATE TEMP TRIGGER retenir AFTER INSERT ON action_ipe BEGIN SELECT attendre_annulation(); END")
        .unwrap();
    let fichier = actions_generees(20_000);
    let e = std::thread::scope(|fils| {
        fils.spawn(|| {
            while suivi.avancement().fait < 100 {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            suivi.annuler();
        });
        import::importer_actions(&c, fichier.as_bytes(), false, &suivi).unwrap_err()
    });
    assert!(matches!(e, Erreur::Annulee), "{e}");
    let a = suivi.avancement();
    assert_eq!(a.total, 20_000);
    assert!((100..20_000).contains(&a.fait), "{a:?}");
    assert_eq!(compter(&c, "action_ipe"), 0, "rien n'est écrit");
}

/// Un gros import (plus de 5 000 lignes) refusé pour une seule ligne fautive : ni action, ni
/// note au journal ; accepté, une seule note pour les milliers d'actions.
#[test]
fn gros_import_tout_ou_rien_et_une_note_au_journal() {
    let c = base::en_memoire().unwrap();
    let n = passerelle_core::annuaire::recherche::SEUIL_EN_MASSE + 10;
    let notes = |c: &Connection| -> i64 {
        c.query_row(
            "SELECT count(*) FROM journal WHERE chemin = 'import'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let mut fautif = actions_generees(n);
    fautif.push_str("31/02/2026;;Lille;stages;Date impossible;1;1;1;1;1;1;1\n");
    let suivi = Suivi::default();
    let e = import::importer_actions(&c, fautif.as_bytes(), false, &suivi).unwrap_err();
    assert!(matches!(e, Erreur::Import(_)), "{e}");
    assert_eq!((compter(&c, "action_ipe"), notes(&c)), (0, 0));
    let r = import::importer_actions(&c, actions_generees(n).as_bytes(), false, &suivi).unwrap();
    assert_eq!(r.lignes, n);
    assert_eq!((compter(&c, "action_ipe") as usize, notes(&c)), (n, 1));
}
