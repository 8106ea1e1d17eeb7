//! Imports et campagnes suivis (avancement) et annulables : une annulation défait tout.

use super::outils::*;

#[test]
fn import_et_campagne_suivis_et_annulables() {
    let c = base_lille();
    let octets = csv_valide().into_bytes();
    // Annulé avant de commencer : rien d'écrit, pas même les organisations.
    let suivi = Suivi::default();
    suivi.annuler();
    let e = import::importer(&c, &octets, None, false, &suivi).unwrap_err();
    assert!(matches!(e, Erreur::Annulee), "{e}");
    let avant = (compter(&c, "organisation"), compter(&c, "personne"));
    assert_eq!(compter(&c, "cet"), 0);
    // Import suivi jusqu'au bout.
    let suivi = Suivi::default();
    import::importer(&c, &octets, None, false, &suivi).unwrap();
    let a = suivi.avancement();
    assert_eq!((a.fait, a.total, compter(&c, "cet")), (3, 3, 3));
    assert!(compter(&c, "personne") > avant.1);

    // Campagne : deux mandats finissent au plus tard le 31/12/2028.
    let campagne = SaisieCampagne {
        fin_au_plus_tard: "31/12/2028".into(),
        nouveau_debut: "01/01/2029".into(),
        nouvelle_fin: "31/12/2033".into(),
        ..Default::default()
    };
    let mandats_avant = compter(&c, "mandat_cet");
    let suivi = std::sync::Arc::new(Suivi::default());
    suivi.annuler();
    let e = mandats::appliquer(&c, &campagne, None, &suivi).unwrap_err();
    assert!(matches!(e, Erreur::Annulee), "{e}");
    // Annulée après le premier mandat écrit (un déclencheur annule à la première insertion) :
    // ce mandat est défait.
    let suivi = std::sync::Arc::new(Suivi::default());
    let s = suivi.clone();
    c.create_scalar_function("annuler_ici", 0, Default::default(), move |_| {
        s.annuler();
        Ok(0)
    })
    .unwrap();
    c.execute_batch(
        "CREATE TEMP TRIGGER annuler AFTER INSERT ON mandat_cet BEGIN SELECT annuler_ici(); END",
    )
    .unwrap();
    let e = mandats::appliquer(&c, &campagne, None, &suivi).unwrap_err();
    assert!(matches!(e, Erreur::Annulee), "{e}");
    assert_eq!(suivi.avancement().total, 2);
    assert_eq!(compter(&c, "mandat_cet"), mandats_avant, "rien n'est écrit");
    c.execute_batch("DROP TRIGGER annuler").unwrap();
    let suivi = Suivi::default();
    assert_eq!(mandats::appliquer(&c, &campagne, None, &suivi).unwrap(), 2);
    let a = suivi.avancement();
    assert_eq!((a.fait, a.total), (2, 2));
    assert_eq!(compter(&c, "mandat_cet"), mandats_avant + 2);
}
