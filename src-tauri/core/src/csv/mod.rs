//! Fichiers CSV des tableurs, lus et écrits par le crate `csv`. Lecture : séparateur « ; »,
//! « , » ou tabulation, détecté ou donné par une ligne « sep= » ; encodage décidé par fichier
//! (`decodage`) ; champs entre guillemets ; en-têtes reconnus sans accents ni casse ; taille
//! bornée (lignes, colonnes, cellules). Sert à tous les imports : une erreur dit toujours la
//! ligne fautive. Écriture : `ecrire`, formules neutralisées (`formules`).

mod decodage;
mod formules;
mod import;

pub use formules::ecrire;
pub use import::{entier_positif, importer_lignes};

use crate::texte;

/// Lignes de données au plus : au-delà, le fichier n'est pas une liste à importer d'un coup.
pub const MAX_LIGNES: usize = 1_000_000;
/// Colonnes au plus (les imports en attendent une vingtaine).
pub const MAX_COLONNES: usize = 200;
/// Caractères au plus dans une cellule.
pub const MAX_CARACTERES: usize = 10_000;

/// Une ligne de données : son numéro dans le fichier (l'en-tête est la ligne 1) et ses valeurs.
#[derive(Debug)]
pub struct Ligne {
    pub numero: usize,
    pub valeurs: Vec<String>,
}

#[derive(Debug)]
pub struct TableCsv {
    pub entetes: Vec<String>,
    pub lignes: Vec<Ligne>,
    pub separateur: char,
    pub encodage: &'static str,
}

impl TableCsv {
    /// « CSV UTF-8, séparateur « ; » » ou, pour un classeur, son genre.
    pub fn format(&self) -> String {
        if self.encodage.starts_with("classeur") {
            self.encodage.to_string()
        } else {
            format!(
                "CSV {}, séparateur « {} »",
                self.encodage,
                nom_separateur(self.separateur)
            )
        }
    }

    /// Indices des colonnes demandées (en-têtes comparés sans accents ni casse), dans l'ordre demandé ;
    /// une colonne manquante est une erreur qui les nomme toutes.
    pub fn colonnes(&self, attendues: &[&str]) -> Result<Vec<usize>, String> {
        let connues: Vec<String> = self
            .entetes
            .iter()
            .map(|e| texte::normaliser(e).replace(' ', "_"))
            .collect();
        let mut indices = Vec::new();
        let mut manquantes = Vec::new();
        for a in attendues {
            match connues.iter().position(|c| c == a) {
                Some(i) => indices.push(i),
                None => manquantes.push(*a),
            }
        }
        if manquantes.is_empty() {
            Ok(indices)
        } else if manquantes.len() == attendues.len() {
            // Toutes absentes : les redonner comme « attendues » ne dirait rien de plus.
            Err(format!(
                "Colonnes absentes de l'en-tête : {}.",
                manquantes.join(", ")
            ))
        } else {
            Err(format!(
                "Colonnes absentes de l'en-tête : {}. Colonnes attendues : {}.",
                manquantes.join(", "),
                attendues.join(";")
            ))
        }
    }
}

/// Décode le fichier puis le découpe. Un fichier vide, sans ligne de données ou hors des
/// limites est une erreur qui dit la ligne ou la cause.
pub fn lire(octets: &[u8]) -> Result<TableCsv, String> {
    if octets.starts_with(b"PK\x03\x04") {
        return Err(
            "Ce fichier est un classeur ou une archive ZIP, pas un CSV : enregistrez-le \
             en « CSV UTF-8 » depuis le tableur."
                .into(),
        );
    }
    let (texte, encodage) = decodage::decoder(octets)?;
    let texte = decodage::fins_de_ligne(texte);
    // « sep=; » en première ligne : le séparateur est donné, la ligne n'est pas l'en-tête.
    let (separateur, corps, decalage) = match decodage::ligne_sep(&texte) {
        Some((s, suite)) => (s, suite, 1),
        None => (detecter_separateur(&texte), &texte[..], 0),
    };
    let mut enregistrements = decouper(corps, separateur, decalage)?;
    if enregistrements.is_empty() {
        return Err("Le fichier est vide.".into());
    }
    let separateur = char::from(separateur);
    let (_, entetes) = enregistrements.remove(0);
    let entetes: Vec<String> = entetes.into_iter().map(|e| e.trim().to_string()).collect();
    let lignes: Vec<Ligne> = enregistrements
        .into_iter()
        .filter(|(_, v)| v.iter().any(|c| !c.trim().is_empty()))
        .map(|(numero, valeurs)| Ligne { numero, valeurs })
        .collect();
    for l in &lignes {
        if l.valeurs.len() != entetes.len() {
            return Err(format!(
                "Ligne {} : {} valeurs au lieu de {} (séparateur « {} » attendu).",
                l.numero,
                l.valeurs.len(),
                entetes.len(),
                nom_separateur(separateur)
            ));
        }
    }
    let table = TableCsv {
        entetes,
        lignes,
        separateur,
        encodage,
    };
    controler(&table)?;
    Ok(table)
}

/// Les limites communes aux CSV et aux classeurs : au moins une ligne de données, pas plus de
/// `MAX_LIGNES` lignes, `MAX_COLONNES` colonnes, `MAX_CARACTERES` caractères par cellule.
pub fn controler(table: &TableCsv) -> Result<(), String> {
    if table.lignes.is_empty() {
        return Err("Le fichier ne contient aucune ligne de données.".into());
    }
    if table.lignes.len() > MAX_LIGNES {
        return Err(trop_de_lignes());
    }
    let entete = std::iter::once((1, &table.entetes));
    for (numero, valeurs) in entete.chain(table.lignes.iter().map(|l| (l.numero, &l.valeurs))) {
        controler_enregistrement(numero, valeurs)?;
    }
    Ok(())
}

fn trop_de_lignes() -> String {
    format!(
        "Le fichier dépasse {} lignes de données : découpez-le en plusieurs fichiers.",
        texte::nombre(MAX_LIGNES as i64)
    )
}

/// Nombre de colonnes et longueur des cellules d'un enregistrement (ligne `numero`).
fn controler_enregistrement(numero: usize, valeurs: &[String]) -> Result<(), String> {
    if valeurs.len() > MAX_COLONNES {
        return Err(format!(
            "Ligne {numero} : {} colonnes, Passerelle n'en lit pas plus de {MAX_COLONNES}.",
            valeurs.len()
        ));
    }
    // Compter les caractères seulement quand les octets dépassent déjà la limite.
    let longue = valeurs
        .iter()
        .position(|v| v.len() > MAX_CARACTERES && v.chars().count() > MAX_CARACTERES);
    match longue {
        Some(i) => Err(format!(
            "Ligne {numero} : la cellule de la colonne {} dépasse {} caractères.",
            i + 1,
            texte::nombre(MAX_CARACTERES as i64)
        )),
        None => Ok(()),
    }
}

/// « ; », « , » ou « tabulation », pour les messages.
pub fn nom_separateur(separateur: char) -> String {
    match separateur {
        '\t' => "tabulation".into(),
        c => c.to_string(),
    }
}

/// Lecteur sans en-tête réservé (la ligne 1 est lue comme les autres), aux lignes de longueurs
/// libres (contrôlées ensuite, avec un message qui donne la ligne).
fn lecteur(separateur: u8) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.delimiter(separateur).has_headers(false).flexible(true);
    b
}

/// Le séparateur qui découpe le premier enregistrement en le plus de champs ; à égalité « ; »
/// (Excel français), puis « , ».
fn detecter_separateur(texte: &str) -> u8 {
    let champs = |separateur: u8| {
        lecteur(separateur)
            .from_reader(texte.as_bytes())
            .records()
            .next()
            .and_then(Result::ok)
            .map_or(0, |r| r.len())
    };
    let mut choix = (b';', champs(b';'));
    for separateur in [b',', b'\t'] {
        let n = champs(separateur);
        if n > choix.1 {
            choix = (separateur, n);
        }
    }
    choix.0
}

/// Découpe RFC 4180 (guillemets doublés, retours à la ligne dans un champ entre guillemets) :
/// chaque enregistrement avec le numéro de la ligne où il commence (`decalage` : lignes lues
/// avant `texte`), apostrophes de l'export retirées. Limites contrôlées au fil de la lecture,
/// pour ne jamais garder en mémoire un fichier démesuré.
fn decouper(
    texte: &str,
    separateur: u8,
    decalage: usize,
) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut sortie = Vec::new();
    let mut debut_dernier = 0;
    for r in lecteur(separateur)
        .from_reader(texte.as_bytes())
        .into_records()
    {
        let r = r.map_err(|e| {
            let ligne = e.position().map_or(1, |p| p.line()) as usize + decalage;
            format!("Ligne {ligne} : ligne illisible.")
        })?;
        let (ligne, octet) = r.position().map_or((1, 0), |p| (p.line(), p.byte()));
        // La position rendue est la fin de l'enregistrement précédent : les lignes vides
        // sautées avant celui-ci comptent dans son numéro.
        let brut = texte.get(octet as usize..).unwrap_or("");
        let vides = &brut[..brut.len() - brut.trim_start_matches(['\n', '\r']).len()];
        debut_dernier = octet as usize + vides.len();
        let numero = ligne as usize + vides.matches('\n').count() + decalage;
        let mut valeurs: Vec<String> = r.iter().map(String::from).collect();
        controler_enregistrement(numero, &valeurs)?;
        valeurs.iter_mut().for_each(formules::restaurer);
        sortie.push((numero, valeurs));
        // L'en-tête plus MAX_LIGNES lignes de données.
        if sortie.len() > MAX_LIGNES + 1 {
            return Err(trop_de_lignes());
        }
    }
    if let Some((numero, valeurs)) = sortie.last() {
        let brut = texte.get(debut_dernier..).unwrap_or("");
        if guillemet_ouvert(brut, valeurs.last().map_or("", String::as_str), separateur) {
            return Err(format!(
                "Ligne {numero} : guillemet ouvrant sans guillemet fermant."
            ));
        }
    }
    Ok(sortie)
}

/// Le lecteur `csv` clôt sans erreur un champ entre guillemets resté ouvert en fin de fichier :
/// ce champ a avalé toute la fin du texte, qui s'écrit alors « " » suivi de sa valeur aux
/// guillemets doublés, au début de l'enregistrement ou juste après un séparateur. Un champ
/// fermé, lui, finit par un guillemet, un caractère hors guillemets ou une fin de ligne.
fn guillemet_ouvert(enregistrement: &str, derniere_valeur: &str, separateur: u8) -> bool {
    let queue = format!("\"{}", derniere_valeur.replace('"', "\"\""));
    enregistrement
        .strip_suffix(queue.as_str())
        .is_some_and(|avant| avant.is_empty() || avant.as_bytes().last() == Some(&separateur))
}

#[cfg(test)]
mod tests;
