//! Conventions, préavis et tableau de bord.

use super::outils::*;
use chrono::{Days, Local, Months, NaiveDate};
use icalendar::Component;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn convention_creee_dans_la_fenetre_son_preavis_au_tableau_de_bord() {
    let (d, db) = base_temporaire("conv-e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-vide").await;
    attendre(&c, "#echeances-vide").await;

    // Effet il y a presque un an, un an de durée, un mois de préavis : préavis dans un mois environ.
    let aujourdhui = Local::now().date_naive();
    let effet = (aujourdhui + Days::new(61))
        .checked_sub_months(Months::new(12))
        .unwrap();
    creer_la_convention(&c, effet).await;
    // Fiche : une partie, un article, un avenant qui repousse la fin (et donc le préavis).
    let nouvelle_fin = aujourdhui + Days::new(75);
    parties_article_et_avenant(&c, aujourdhui, nouvelle_fin).await;
    // Un programme n'est pas joint : refus en français, rien de copié.
    pieces_jointes(&c, d.path(), &db).await;
    // Prévoir une réunion du groupe de suivi et préparer son dossier.
    dossier_de_reunion(&c, d.path(), &db, aujourdhui).await;
    // Pendant la réunion : ordre du jour repris, compte rendu d'un point, une décision, le relevé.
    pendant_la_reunion(&c, d.path(), &db).await;
    echeances_au_tableau_de_bord(&c, d.path(), &db, nouvelle_fin).await;
    c.close().await.unwrap();
    drop(pilote);
}

/// Une convention « en vigueur » ; une durée mal écrite est d'abord refusée sous son champ.
async fn creer_la_convention(c: &Client, effet: NaiveDate) {
    cliquer(c, "#menu a[href='#/conventions']").await;
    cliquer(c, "#conventions-nouveau").await;
    saisir(
        c,
        "#conventions-formulaire-titre",
        "Convention académie – Aciéries du Nord",
    )
    .await;
    choisir(c, "#conventions-formulaire-type", "Académie – organisation").await;
    choisir(c, "#conventions-formulaire-statut", "En vigueur").await;
    saisir(
        c,
        "#conventions-formulaire-date_effet",
        &effet.format("%d/%m/%Y").to_string(),
    )
    .await;
    saisir(c, "#conventions-formulaire-duree", "douze").await;
    saisir(c, "#conventions-formulaire-preavis_mois", "1").await;
    cliquer(c, "#conventions-formulaire button[type=submit]").await;
    attendre_texte(c, "#conventions-formulaire-duree-erreur", |t| {
        t.contains("nombre de mois")
    })
    .await;
    saisir(c, "#conventions-formulaire-duree", "1 an").await;
    cliquer(c, "#conventions-formulaire button[type=submit]").await;
    attendre_texte(c, "#conventions-message", |t| t.contains("enregistrée")).await;
}

async fn parties_article_et_avenant(c: &Client, aujourdhui: NaiveDate, nouvelle_fin: NaiveDate) {
    cliquer(c, "#conventions-table tbody tr button[aria-label^='Fiche']").await;
    attendre(c, "#fiche-titre").await;
    saisir(c, "#partie-formulaire-libelle", "Académie de Lille").await;
    saisir(c, "#partie-formulaire-role", "Rectorat").await;
    cliquer(c, "#partie-formulaire button[type=submit]").await;
    attendre_texte(c, "#parties-table", |t| t.contains("Académie de Lille")).await;
    saisir(
        c,
        "#article-formulaire-intitule",
        "Stages des élèves de lycée professionnel",
    )
    .await;
    cliquer(c, "#article-formulaire button[type=submit]").await;
    attendre_texte(c, "#articles-table", |t| t.contains("Stages des élèves")).await;
    saisir(
        c,
        "#avenant-formulaire-date",
        &aujourdhui.format("%d/%m/%Y").to_string(),
    )
    .await;
    saisir(c, "#avenant-formulaire-objet", "Prolongation").await;
    saisir(
        c,
        "#avenant-formulaire-nouvelle_fin",
        &nouvelle_fin.format("%d/%m/%Y").to_string(),
    )
    .await;
    cliquer(c, "#avenant-formulaire button[type=submit]").await;
    attendre_texte(c, "#fiche-dates", |t| {
        t.contains(&nouvelle_fin.format("%d/%m/%Y").to_string())
    })
    .await;
    capturer(c, "conventions").await;
}

/// Un programme refusé, puis une pièce jointe copiée à côté de la base et retirée.
async fn pieces_jointes(c: &Client, temp: &Path, db: &Path) {
    let programme = temp.join("installer.exe");
    std::fs::write(&programme, b"MZ").unwrap();
    repondre(db, &[&programme]);
    cliquer(c, "#piece-joindre").await;
    attendre_texte(c, "#piece-message", |t| {
        t.contains("programme ou un raccourci")
    })
    .await;
    assert!(!temp.join("pieces-jointes").exists());

    // Pièce jointe choisie dans le dialogue « Ouvrir » : copiée à côté de la base.
    let piece = temp.join("convention-signee.pdf");
    std::fs::write(&piece, b"%PDF-1.4 convention signee").unwrap();
    repondre(db, &[&piece]);
    cliquer(c, "#piece-joindre").await;
    attendre_texte(c, "#pieces-table", |t| t.contains("convention-signee.pdf")).await;
    let copie = std::fs::read_dir(temp.join("pieces-jointes"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
        .join("convention-signee.pdf");
    assert_eq!(
        std::fs::read(&copie).unwrap(),
        b"%PDF-1.4 convention signee"
    );
    // Retirée après confirmation : la ligne et le fichier copié disparaissent ensemble.
    cliquer(c, "#pieces-table button[aria-label^='Retirer']").await;
    attendre_texte(c, "#confirmation-texte", |t| {
        t.contains("convention-signee.pdf")
    })
    .await;
    cliquer(c, "#confirmation-ok").await;
    attendre_texte(c, "main", |t| t.contains("Aucune pièce jointe.")).await;
    assert!(!copie.exists());
}

/// Une réunion du groupe de suivi dans une semaine et son dossier (annulé, puis enregistré).
async fn dossier_de_reunion(c: &Client, temp: &Path, db: &Path, aujourdhui: NaiveDate) {
    let reunion = (aujourdhui + Days::new(7)).format("%d/%m/%Y").to_string();
    saisir(c, "#reunion-formulaire-date", &reunion).await;
    saisir(c, "#reunion-formulaire-lieu", "Rectorat de Lille").await;
    cliquer(c, "#reunion-formulaire button[type=submit]").await;
    attendre_texte(c, "#reunions-table", |t| t.contains("Rectorat de Lille")).await;
    saisir(c, "#dossier-date", &reunion).await;
    // Annulé dans le dialogue : rien n'est écrit, et la notice le dit.
    repondre(db, &[Path::new("annuler")]);
    cliquer(c, "#dossier-preparer").await;
    attendre_texte(c, "#dossier-message", |t| {
        t.contains("Enregistrement annulé")
    })
    .await;
    // Un nom choisi dans le dialogue : le fichier est écrit là, sous ce nom.
    let choisi = temp.join("dossier groupe de suivi.pdf");
    repondre(db, &[&choisi]);
    cliquer(c, "#dossier-preparer").await;
    let chemin = fichier_enregistre(c, "#dossier-message", "Dossier de réunion enregistré").await;
    assert_eq!(chemin, choisi);
    let texte = texte_pdf_en_ligne(&chemin);
    assert!(
        texte.contains("Feuille d'émargement") && texte.contains("Aciéries du Nord"),
        "{texte}"
    );
}

async fn pendant_la_reunion(c: &Client, temp: &Path, db: &Path) {
    cliquer(c, "#reunions-table button[aria-label^='Ouvrir']").await;
    cliquer(c, "#reprendre-odj").await;
    let premier = attendre(c, "#reunion textarea").await;
    let id = premier.attr("id").await.unwrap().unwrap();
    saisir(
        c,
        &format!("#{id}"),
        "Séance ouverte par la rectrice ; relevé précédent approuvé.",
    )
    .await;
    saisir(
        c,
        "#nouvelle-decision",
        "Lancer un recensement des stages de première année.",
    )
    .await;
    cliquer(c, "#ajouter-decision").await;
    attendre_texte(c, "#decisions-liste", |t| {
        t.contains("recensement des stages")
    })
    .await;
    saisir(
        c,
        "#action-reunion-formulaire-intitule",
        "Envoyer le questionnaire aux lycées",
    )
    .await;
    cliquer(c, "#action-reunion-formulaire button[type=submit]").await;
    attendre_texte(c, "#actions-reunion-table", |t| {
        t.contains("Envoyer le questionnaire")
    })
    .await;
    repondre(db, &[temp]);
    cliquer(c, "#reunion-releve").await;
    let chemin = fichier_enregistre(c, "#reunion-message", "Fichier enregistré").await;
    let texte = texte_pdf_en_ligne(&chemin);
    assert!(
        texte.contains("relevé précédent approuvé")
            && texte.contains("recensement des stages de première année"),
        "{texte}"
    );
    assert!(
        texte.contains("Envoyer le questionnaire aux lycées"),
        "{texte}"
    );
    capturer(c, "reunion").await;
}

/// Les échéances au tableau de bord, l'échéancier pour l'agenda, le lien vers la fiche.
async fn echeances_au_tableau_de_bord(c: &Client, temp: &Path, db: &Path, nouvelle_fin: NaiveDate) {
    cliquer(c, "#menu a[href='#/tableau-de-bord']").await;
    attendre(c, "#echeances-table tbody tr").await;
    // (L'alerte « réunions insuffisantes » de fin d'année peut s'y ajouter : on regarde les deux autres.)
    let l: Vec<String> = lignes(c, "#echeances-table")
        .await
        .into_iter()
        .filter(|l| !l.contains("Réunions du groupe"))
        .collect();
    // Les deux échéances suivent l'avenant : la nouvelle fin, et le préavis un mois avant.
    let fr = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let preavis = nouvelle_fin.checked_sub_months(Months::new(1)).unwrap();
    assert_eq!(l.len(), 2, "{l:?}");
    assert!(
        l[0].contains(&fr(preavis))
            && l[0].contains("préavis")
            && l[0].contains("Aciéries du Nord"),
        "{l:?}"
    );
    assert!(
        l[1].contains(&fr(nouvelle_fin)) && l[1].contains("Échéance de la convention"),
        "{l:?}"
    );
    // L'échéancier pour l'agenda : enregistré sous son nom, relu par un lecteur iCalendar.
    repondre(db, &[temp]);
    cliquer(c, "#echeancier-ics").await;
    let ics = fichier_enregistre(c, "#echeancier-message", "Échéancier enregistré").await;
    assert!(nom(&ics).starts_with("Échéancier ") && nom(&ics).ends_with(".ics"));
    let evenements = crate::common::evenements_ics(&std::fs::read_to_string(&ics).unwrap());
    assert!(
        evenements
            .iter()
            .any(|e| e.get_summary().is_some_and(|s| s.contains("préavis"))),
        "{} événements",
        evenements.len()
    );
    // Chaque échéance mène à la fiche de sa convention.
    cliquer(c, "#echeances-table tbody tr a").await;
    attendre_texte(c, "#fiche-titre", |t| t.contains("Aciéries du Nord")).await;
    attendre_texte(c, "#fiche-statuts", |t| t.contains("En vigueur le")).await;
    capturer(c, "tableau-de-bord").await;
}
