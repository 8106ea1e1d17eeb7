//! Sélecteurs de fiche dans les formulaires : frappe, clavier, création sur place, choix multiple.

use super::outils::*;

/// Le sélecteur d'établissement d'une réunion de CLEE : quelques lettres de la commune (sans
/// accent), la liste montre libellé et contexte, flèche basse et Entrée choisissent, la réunion
/// est enregistrée avec ce lieu. Puis une organisation créée depuis le sélecteur lui-même.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn selecteur_d_etablissement_par_la_commune_dans_une_reunion_de_clee() {
    let (_d, db) = base_temporaire("selecteur-e2e.sqlite");
    let (pilote, c) = demarrer_demo(&db).await;
    ouvrir_clee_de_lens(&c).await;
    reunion_au_lycee_choisi_au_clavier(&c, &db).await;
    organisation_creee_depuis_le_selecteur(&c, &db).await;
    action_pour_deux_etablissements(&c, &db).await;
    c.close().await.unwrap();
    drop(pilote);
}

/// « lievi » tapé dans le lieu d'une réunion plénière : le lycée Marie-Curie de Liévin est
/// proposé (contexte et rôles ARIA), choisi au clavier, et la réunion est enregistrée avec ce lieu.
async fn reunion_au_lycee_choisi_au_clavier(c: &Client, db: &Path) {
    let jour = jour_dans(5, "%d/%m/%Y");
    choisir(c, "#reunion-formulaire-type", "Réunion plénière").await;
    saisir(c, "#reunion-formulaire-date", &jour).await;
    let champ = "#reunion-formulaire-etablissement_id";
    saisir(c, champ, "lievi").await;
    let liste = "#reunion-formulaire-etablissement_id-liste";
    let options = attendre_texte(c, liste, |t| t.contains("Marie-Curie")).await;
    assert!(options.contains("Liévin · 0625235D"), "{options}");
    assert!(!options.contains("Jean-Moulin"), "{options}");
    let etat = c
        .execute(
            "const i = document.querySelector(arguments[0]);
             return [i.getAttribute('aria-expanded'), i.getAttribute('aria-activedescendant'),
                     document.getElementById(i.getAttribute('aria-controls')).getAttribute('role')];",
            vec![serde_json::json!(champ)],
        )
        .await
        .unwrap();
    assert_eq!(
        etat,
        serde_json::json!([
            "true",
            "reunion-formulaire-etablissement_id-option-0",
            "listbox"
        ])
    );
    centrer(c, champ).await;
    capturer(c, "selecteur-ouvert").await;
    // Flèche basse vers « Créer « lievi »… », flèche haute : retour à la fiche ; Entrée la choisit.
    let saisie = attendre(c, champ).await;
    saisie.send_keys("\u{E015}").await.unwrap();
    saisie.send_keys("\u{E013}").await.unwrap();
    saisie.send_keys("\u{E007}").await.unwrap();
    let valeur = attendre(c, champ).await.prop("value").await.unwrap();
    assert_eq!(valeur.as_deref(), Some("Lycée polyvalent Marie-Curie"));
    cliquer(c, "#reunion-formulaire button[type=submit]").await;
    attendre_texte(c, "#reunions-table", |t| {
        t.contains(&jour) && t.contains("Marie-Curie")
    })
    .await;
    let iso = jour_dans(5, "%Y-%m-%d");
    let lieu: i64 = rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM reunion r JOIN etablissement e ON e.id = r.etablissement_id
             WHERE e.uai = '0625235D' AND r.date = ?1",
            [&iso],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(lieu, 1);
}

/// Une organisation absente de l'annuaire : créée depuis le sélecteur, sans quitter le
/// formulaire de réunion ; le SIRET faux est refusé sous son champ.
async fn organisation_creee_depuis_le_selecteur(c: &Client, db: &Path) {
    // Le formulaire de réunion, redessiné après l'enregistrement, reçoit une nouvelle date.
    saisir(c, "#reunion-formulaire-heure", "16h").await;
    let champ = "#reunion-formulaire-organisation_id";
    saisir(c, champ, "Boulangerie Dupain").await;
    cliquer(c, "#reunion-formulaire-organisation_id-liste li.creer").await;
    attendre_texte(c, "#selecteur-creation--intitule", |t| {
        t == "Nouvelle organisation"
    })
    .await;
    let nom = attendre(c, "#selecteur-creation-nom")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(nom.as_deref(), Some("Boulangerie Dupain"));
    choisir(c, "#selecteur-creation-type", "Entreprise").await;
    saisir(c, "#selecteur-creation-siret", "123").await;
    cliquer(c, "#selecteur-creation button[type=submit]").await;
    attendre_texte(c, "#selecteur-creation-siret-erreur", |t| {
        t.contains("SIRET")
    })
    .await;
    capturer(c, "selecteur-creation").await;
    attendre(c, "#selecteur-creation-siret")
        .await
        .clear()
        .await
        .unwrap();
    saisir(c, "#selecteur-creation-commune", "Lens").await;
    cliquer(c, "#selecteur-creation button[type=submit]").await;
    let debut = Instant::now();
    loop {
        let v = attendre(c, champ).await.prop("value").await.unwrap();
        if v.as_deref() == Some("Boulangerie Dupain") {
            break;
        }
        assert!(
            debut.elapsed() < ATTENTE,
            "organisation créée non choisie : {v:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        compter_dans(db, "organisation WHERE nom = 'Boulangerie Dupain'"),
        1
    );
    // Le formulaire de réunion est toujours là, avec ce qui était saisi.
    let heure = attendre(c, "#reunion-formulaire-heure")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(heure.as_deref(), Some("16h"));
}

/// Plusieurs établissements pour une action vers les élèves : chacun s'ajoute à la liste des
/// fiches choisies, le champ se vide pour le suivant.
async fn action_pour_deux_etablissements(c: &Client, db: &Path) {
    let champ = "#action-clee-formulaire-etablissement_ids";
    for (tape, libelle) in [
        ("jean-moul", "Lycée professionnel Jean-Moulin"),
        ("0625235", "Lycée polyvalent Marie-Curie"),
    ] {
        saisir(c, champ, tape).await;
        let liste = format!("{}-liste", champ);
        attendre_texte(c, &liste, |t| t.contains(libelle)).await;
        attendre(c, champ)
            .await
            .send_keys("\u{E007}")
            .await
            .unwrap();
        attendre_texte(c, &format!("{champ}-choisies"), |t| t.contains(libelle)).await;
    }
    let vide = attendre(c, champ).await.prop("value").await.unwrap();
    assert_eq!(vide.as_deref(), Some(""));
    centrer(c, champ).await;
    capturer(c, "selecteur-multiple").await;
    saisir(c, "#action-clee-formulaire-date", "12/01/2026").await;
    choisir(c, "#action-clee-formulaire-type", "Forum des métiers").await;
    saisir(c, "#action-clee-formulaire-intitule", "Forum à deux lycées").await;
    cliquer(c, "#action-clee-formulaire button[type=submit]").await;
    attendre_texte(c, "#actions-clee-table", |t| {
        t.contains("Forum à deux lycées")
    })
    .await;
    assert_eq!(
        compter_dans(
            db,
            "action_clee_etablissement WHERE action_id = (SELECT id FROM action_clee WHERE intitule = 'Forum à deux lycées')"
        ),
        2
    );
}
