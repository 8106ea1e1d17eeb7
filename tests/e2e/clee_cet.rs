//! Réunions de CLEE, CET importés et saisies fautives.

use super::outils::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn reunion_de_clee_presences_compte_rendu_imprime() {
    let (d, db) = base_temporaire("clee-e2e.sqlite");
    let (pilote, c) = demarrer_demo(&db).await;
    ouvrir_clee_de_lens(&c).await;
    attendre_texte(&c, "#membres-table", |t| {
        t.contains("Monde économique") && t.contains("Co-pilote")
    })
    .await;
    capturer(&c, "clee-fiche").await;

    // Une réunion plénière au lycée support, dans trois jours.
    let jour = jour_dans(3, "%d/%m/%Y");
    creer_et_ouvrir_une_pleniere(&c, &jour).await;
    let (excuse, valeurs) = un_excuse_puis_tous_presents(&c).await;
    rediger_le_compte_rendu(&c).await;
    imprimer_le_compte_rendu(&c, d.path(), &db, &excuse).await;
    c.close().await.unwrap();
    drop(pilote);
    // Ce que la fenêtre a écrit est bien dans la base.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (presents, excuses): (i64, i64) = conn
        .query_row(
            "SELECT sum(etat = 'present'), sum(etat = 'excuse') FROM reunion_presence
             WHERE reunion_id = (SELECT max(id) FROM reunion WHERE lieu = 'salle du conseil')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((presents as usize, excuses), (valeurs.len() - 1, 1));
}

/// Une réunion plénière le `jour` au lycée support, enregistrée puis ouverte.
async fn creer_et_ouvrir_une_pleniere(c: &Client, jour: &str) {
    choisir(c, "#reunion-formulaire-type", "Réunion plénière").await;
    saisir(c, "#reunion-formulaire-date", jour).await;
    saisir(c, "#reunion-formulaire-heure", "9h").await;
    choisir(
        c,
        "#reunion-formulaire-etablissement_id",
        "Lycée professionnel Jean-Moulin (Lens)",
    )
    .await;
    saisir(c, "#reunion-formulaire-lieu", "salle du conseil").await;
    cliquer(c, "#reunion-formulaire button[type=submit]").await;
    attendre_texte(c, "#reunions-table", |t| {
        t.contains("salle du conseil") && t.contains(jour)
    })
    .await;
    cliquer(
        c,
        &format!("#reunions-table button[aria-label='Ouvrir la réunion du {jour}']"),
    )
    .await;
    attendre_texte(c, "#reunion-titre", |t| {
        t.contains("Réunion plénière") && t.contains("09h00")
    })
    .await;
}

/// Pointage : une personne excusée, puis tous les autres présents d'un clic. Rend le nom de
/// l'excusée et les états lus dans la liste.
async fn un_excuse_puis_tous_presents(c: &Client) -> (String, Vec<String>) {
    let premier = attendre(c, "#presences-table select").await;
    let id = premier.attr("id").await.unwrap().unwrap();
    let excuse = lignes(c, "#presences-table").await[0]
        .split('\t')
        .next()
        .unwrap()
        .trim()
        .to_string();
    choisir(c, &format!("#{id}"), "Excusé").await;
    cliquer(c, "#tous-presents").await;
    // Les commandes répondent hors du fil de la fenêtre : on attend que la liste soit redessinée.
    let mut valeurs: Vec<String> = Vec::new();
    let debut = Instant::now();
    while debut.elapsed() < ATTENTE {
        let v = c
            .execute(
                "return [...document.querySelectorAll('#presences-table select')].map(s => s.value)",
                vec![],
            )
            .await
            .unwrap();
        valeurs = serde_json::from_value(v).unwrap();
        if valeurs.len() > 1 && valeurs[1..].iter().all(|v| v == "present") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(valeurs[0], "excuse", "{valeurs:?}");
    assert!(
        valeurs.len() >= 8 && valeurs[1..].iter().all(|v| v == "present"),
        "{valeurs:?}"
    );
    (excuse, valeurs)
}

/// Compte rendu : l'ordre du jour proposé reprend les actions ouvertes ; on écrit le premier point.
async fn rediger_le_compte_rendu(c: &Client) {
    cliquer(c, "#reprendre-odj").await;
    attendre_texte(c, "#reunion", |t| {
        t.contains("Suivi de l'action : Établir la liste des professeurs volontaires")
    })
    .await;
    let premier = attendre(c, "#reunion textarea").await;
    let zone = premier.attr("id").await.unwrap().unwrap();
    saisir(
        c,
        &format!("#{zone}"),
        "Séance ouverte par les co-pilotes ; compte rendu précédent adopté.",
    )
    .await;
    saisir(
        c,
        "#nouvelle-decision",
        "Un second forum aura lieu au printemps.",
    )
    .await;
    cliquer(c, "#ajouter-decision").await;
    attendre_texte(c, "#decisions-liste", |t| t.contains("second forum")).await;
    capturer(c, "clee-reunion").await;
}

/// Le dialogue « Enregistrer sous » répond un dossier : le document y prend son nom français.
async fn imprimer_le_compte_rendu(c: &Client, temp: &Path, db: &Path, excuse: &str) {
    let dossier = temp.join("Mes documents");
    std::fs::create_dir(&dossier).unwrap();
    repondre(db, &[&dossier]);
    cliquer(c, "#reunion-compte-rendu").await;
    let chemin = fichier_enregistre(c, "#reunion-message", "Fichier enregistré").await;
    assert!(
        chemin.starts_with(&dossier)
            && nom(&chemin).starts_with("Compte rendu - CLEE du bassin de Lens-Liévin - ")
            && nom(&chemin).ends_with(".pdf"),
        "{}",
        chemin.display()
    );
    let texte = texte_pdf_en_ligne(&chemin);
    let (nom, prenom) = excuse.split_once(' ').unwrap();
    for attendu in [
        "Compte rendu – CLEE du bassin de Lens-Liévin".to_string(),
        format!("Étaient excusés : {} {prenom}", nom.to_uppercase()),
        "Étaient présents : ".to_string(),
        "compte rendu précédent adopté".to_string(),
        "Un second forum aura lieu au printemps.".to_string(),
    ] {
        assert!(
            texte.contains(&attendu),
            "« {attendu} » absent du compte rendu :\n{texte}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn cet_importes_dans_la_fenetre_presence_a_une_animation_puis_historique() {
    let (d, db) = base_temporaire("cet-e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-vide").await;
    attendre_texte(&c, "main h1", |t| t == "Tableau de bord").await;
    cliquer(&c, "#menu a[href='#/cet']").await;
    cliquer(&c, "a[href='#/cet/import']").await;
    importer_deux_cet_en_windows_1252(&c, d.path(), &db).await;
    let jour = animation_de_la_metallurgie_avec_une_presence(&c).await;

    // La fiche de la conseillère montre sa participation.
    cliquer(&c, "a[href='#/cet/registre']").await;
    saisir(&c, "#cet-recherche", "lefevre").await;
    attendre_texte(&c, "#cet-compte", |t| t == "1 CET").await;
    cliquer(&c, "#cet-table tbody tr button[aria-label^='Fiche']").await;
    attendre_texte(&c, "#fiche-titre", |t| t.contains("Hélène LEFÈVRE")).await;
    let h = attendre_texte(&c, "#participations-table", |t| t.contains(&jour)).await;
    assert!(
        h.contains("Réunion d'information")
            && h.contains("Les jurys de la session")
            && h.contains("Présent"),
        "{h}"
    );
    capturer(&c, "cet-fiche").await;
    c.close().await.unwrap();
    drop(pilote);
}

/// Import d'une liste de l'académie, en Windows-1252 : aperçu des colonnes, puis import.
async fn importer_deux_cet_en_windows_1252(c: &Client, temp: &Path, db: &Path) {
    let liste = temp.join("cet-lille.csv");
    let texte = "civilite;nom;prenom;email;telephone;employeur;secteur;cpc;organisation_proposante;academie;bassin;debut_mandat;fin_mandat\n\
                 Mme;Lefèvre;Hélène;helene.lefevre@forges.fr;;Forges de l'Escaut;Métallurgie;Métallurgie;Union des métiers du métal;Lille;;01/01/2024;31/12/2028\n\
                 M.;Dupré;Gaël;gael.dupre@batir.fr;;Bâtir du Nord;Bâtiment;;Fédération du bâtiment;Lille;;01/01/2024;31/12/2028\n";
    std::fs::write(
        &liste,
        texte
            .chars()
            .map(|ch| u8::try_from(ch as u32).unwrap())
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    repondre(db, &[&liste]);
    cliquer(c, "#import-cet-choisir").await;
    attendre_texte(c, "#import-cet-format", |t| {
        t.contains("Windows-1252") && t.contains("2 ligne")
    })
    .await;
    let colonne = attendre(c, "#colonne-nom")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        colonne.as_deref(),
        Some("1"),
        "la colonne « nom » est reconnue"
    );
    capturer(c, "cet-import").await;
    cliquer(c, "#import-cet-valider").await;
    let compte = attendre_texte(c, "#import-cet-resultat .alerte", |t| !t.is_empty()).await;
    assert!(
        compte.contains("2 CET importés") && compte.contains("Forges de l'Escaut"),
        "{compte}"
    );
}

/// Une réunion d'information pour la métallurgie, avant-hier : invitations par secteur,
/// présence. Rend le jour de la réunion.
async fn animation_de_la_metallurgie_avec_une_presence(c: &Client) -> String {
    cliquer(c, "a[href='#/cet/animations']").await;
    let jour = jour_dans(-2, "%d/%m/%Y");
    choisir(c, "#animation-formulaire-academie_id", "Lille").await;
    choisir(c, "#animation-formulaire-type", "Réunion d'information").await;
    saisir(c, "#animation-formulaire-date", &jour).await;
    saisir(c, "#animation-formulaire-lieu", "Rectorat, salle 3").await;
    saisir(c, "#animation-formulaire-theme", "Les jurys de la session").await;
    choisir(c, "#animation-formulaire-secteurs", "Métallurgie").await;
    cliquer(c, "#animation-formulaire button[type=submit]").await;
    attendre_texte(c, "#reunion-titre", |t| {
        t.contains("Réunion d'information") && t.contains(&jour)
    })
    .await;
    cliquer(c, "#inviter-secteurs").await;
    attendre_texte(c, "#reunion-message", |t| t.contains("1 CET invité")).await;
    let l = lignes(c, "#presences-table").await;
    assert_eq!(l.len(), 1, "seule la métallurgie est invitée : {l:?}");
    assert!(l[0].contains("LEFÈVRE Hélène"), "{l:?}");
    choisir(c, "#presences-table select", "Présent").await;
    capturer(c, "cet-animation").await;
    jour
}

/// Soumet un formulaire et attend le message d'erreur sous le champ `champ`. Un formulaire qui
/// vient de s'ouvrir peut être redessiné juste après (ses listes arrivent) et perdre le premier
/// envoi : on renvoie, ce qui ne change rien puisque la saisie est refusée.
async fn erreur_sous(c: &Client, formulaire: &str, champ: &str, attendu: &str) {
    let css = format!("#{formulaire}-{champ}-erreur");
    for _ in 0..4 {
        cliquer(c, &format!("#{formulaire} button[type=submit]")).await;
        let debut = Instant::now();
        while debut.elapsed() < Duration::from_secs(3) {
            if let Ok(e) = c.find(Locator::Css(&css)).await {
                if e.text().await.is_ok_and(|t| t.contains(attendu)) {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    attendre_texte(c, &css, |t| t.contains(attendu)).await;
}

/// Nombre de lignes des tables que les saisies fautives auraient pu écrire.
fn comptes_des_tables_saisies(db: &Path) -> Vec<i64> {
    [
        "comite_clee",
        "reunion",
        "action_clee",
        "cet",
        "mandat_cet",
        "cet_jury",
        "cpc",
    ]
    .iter()
    .map(|table| {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    })
    .collect()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn saisies_fautives_des_clee_et_des_cet_signalees_sous_le_champ() {
    let (d, db) = base_temporaire("fautes-e2e.sqlite");
    let (pilote, c) = demarrer_demo(&db).await;
    let comptes = comptes_des_tables_saisies(&db);
    fautes_des_clee(&c).await;
    fautes_des_cet(&c).await;
    liste_cet_sans_colonnes_refusee(&c, d.path(), &db).await;
    c.close().await.unwrap();
    drop(pilote);
    // Rien n'a été écrit.
    assert_eq!(comptes_des_tables_saisies(&db), comptes);
}

/// CLEE : comité sans nom ni bassin, réunion au 31 février, action au nombre négatif.
async fn fautes_des_clee(c: &Client) {
    cliquer(c, "#menu a[href='#/clee']").await;
    cliquer(c, "#comites-nouveau").await;
    erreur_sous(c, "comites-formulaire", "nom", "nom du comité").await;
    attendre_texte(c, "#comites-formulaire-bassin_ids-erreur", |t| {
        t.contains("au moins un bassin")
    })
    .await;
    cliquer(c, "#comites-formulaire button.secondaire").await;
    saisir(c, "#comites-recherche", "lens").await;
    attendre_texte(c, "#comites-compte", |t| t == "1 comité").await;
    cliquer(c, "#comites-table tbody tr button[aria-label^='Fiche']").await;
    saisir(c, "#reunion-formulaire-date", "31/02/2026").await;
    erreur_sous(c, "reunion-formulaire", "date", "Date de la réunion").await;
    saisir(c, "#action-clee-formulaire-date", "12/01/2026").await;
    choisir(c, "#action-clee-formulaire-type", "Forum des métiers").await;
    saisir(c, "#action-clee-formulaire-intitule", "Forum d'essai").await;
    saisir(c, "#action-clee-formulaire-filles", "-3").await;
    erreur_sous(c, "action-clee-formulaire", "filles", "négatif").await;
    capturer(c, "clee-erreur").await;
}

/// CET : fiche sans personne, mandat à l'envers, jury sans date, animation sans académie,
/// campagne qui commence avant la fin, CPC en double.
async fn fautes_des_cet(c: &Client) {
    cliquer(c, "#menu a[href='#/cet']").await;
    cliquer(c, "#cet-nouveau").await;
    erreur_sous(c, "cet-formulaire", "personne_id", "Choisissez la personne").await;
    cliquer(c, "#cet-formulaire button.secondaire").await;
    cliquer(c, "#cet-table tbody tr button[aria-label^='Fiche']").await;
    saisir(c, "#mandat-formulaire-debut_mandat", "01/01/2040").await;
    saisir(c, "#mandat-formulaire-fin_mandat", "01/01/2039").await;
    erreur_sous(c, "mandat-formulaire", "fin_mandat", "précède son début").await;
    saisir(c, "#jury-formulaire-session", "Session 2026").await;
    saisir(c, "#jury-formulaire-diplome", "CAP").await;
    saisir(c, "#jury-formulaire-date", "hier").await;
    erreur_sous(c, "jury-formulaire", "date", "Date du jury").await;
    capturer(c, "cet-erreur").await;
    cliquer(c, "a[href='#/cet/animations']").await;
    saisir(c, "#animation-formulaire-date", "12/01/2026").await;
    erreur_sous(c, "animation-formulaire", "academie_id", "académie").await;
    cliquer(c, "a[href='#/cet/campagne']").await;
    saisir(c, "#campagne-formulaire-nouveau_debut", "01/12/2000").await;
    erreur_sous(c, "campagne-formulaire", "nouveau_debut", "après la fin").await;
    cliquer(c, "a[href='#/cet/cpc']").await;
    cliquer(c, "#cpc-nouveau").await;
    saisir(c, "#cpc-formulaire-nom", "métallurgie").await;
    erreur_sous(c, "cpc-formulaire", "nom", "existe déjà").await;
}

/// CET : un fichier qui n'est pas une liste est refusé en entier.
async fn liste_cet_sans_colonnes_refusee(c: &Client, temp: &Path, db: &Path) {
    cliquer(c, "a[href='#/cet/import']").await;
    let faux = temp.join("pas-une-liste.csv");
    std::fs::write(&faux, "bonjour\nau revoir\n").unwrap();
    repondre(db, &[&faux]);
    cliquer(c, "#import-cet-choisir").await;
    attendre(c, "#correspondance-table").await;
    cliquer(c, "#import-cet-valider").await;
    let t = attendre_texte(c, "#import-cet-resultat .alerte", |t| !t.is_empty()).await;
    assert!(
        t.contains("Colonnes obligatoires introuvables") && t.contains("rien n'a été enregistré"),
        "{t}"
    );
    capturer(c, "cet-import-erreur").await;
}
