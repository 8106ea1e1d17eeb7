-- Annuaire partagé par tous les modules : académies, bassins, établissements, organisations, personnes.

CREATE TABLE academie (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    nom  TEXT NOT NULL UNIQUE
);

-- Les académies sont une référence nationale : leurs codes et noms ne se modifient pas dans l'outil.
CREATE TRIGGER academie_lecture_seule_maj BEFORE UPDATE ON academie
BEGIN
    SELECT RAISE(ABORT, 'Les académies sont une liste de référence : leur nom et leur code ne se modifient pas.');
END;
CREATE TRIGGER academie_lecture_seule_suppr BEFORE DELETE ON academie
BEGIN
    SELECT RAISE(ABORT, 'Les académies sont une liste de référence : elles ne se suppriment pas.');
END;

-- Codes académie officiels (liste en vigueur depuis la fusion de Caen et Rouen en 2020).
INSERT INTO academie (code, nom) VALUES
    ('01', 'Paris'), ('02', 'Aix-Marseille'), ('03', 'Besançon'), ('04', 'Bordeaux'),
    ('06', 'Clermont-Ferrand'), ('07', 'Dijon'), ('08', 'Grenoble'), ('09', 'Lille'),
    ('10', 'Lyon'), ('11', 'Montpellier'), ('12', 'Nancy-Metz'), ('13', 'Poitiers'),
    ('14', 'Rennes'), ('15', 'Strasbourg'), ('16', 'Toulouse'), ('17', 'Nantes'),
    ('18', 'Orléans-Tours'), ('19', 'Reims'), ('20', 'Amiens'), ('22', 'Limoges'),
    ('23', 'Nice'), ('24', 'Créteil'), ('25', 'Versailles'), ('27', 'Corse'),
    ('28', 'La Réunion'), ('31', 'Martinique'), ('32', 'Guadeloupe'), ('33', 'Guyane'),
    ('43', 'Mayotte'), ('70', 'Normandie');

CREATE TABLE bassin (
    id          INTEGER PRIMARY KEY,
    academie_id INTEGER NOT NULL REFERENCES academie(id),
    nom         TEXT NOT NULL,
    recherche   TEXT NOT NULL DEFAULT '',   -- clé de recherche sans accents, tenue par le programme
    UNIQUE (academie_id, nom)
);

CREATE TABLE etablissement (
    id          INTEGER PRIMARY KEY,
    uai         TEXT NOT NULL UNIQUE,
    nom         TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('college', 'lp', 'lgt', 'lpo', 'erea', 'cfa', 'autre')),
    commune     TEXT NOT NULL DEFAULT '',
    academie_id INTEGER NOT NULL REFERENCES academie(id),
    bassin_id   INTEGER REFERENCES bassin(id),
    recherche   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX etablissement_bassin ON etablissement(bassin_id);
CREATE INDEX etablissement_academie ON etablissement(academie_id);

CREATE TABLE organisation (
    id          INTEGER PRIMARY KEY,
    type        TEXT NOT NULL CHECK (type IN ('entreprise', 'organisation_professionnelle', 'cci', 'cma',
                    'chambre_agriculture', 'collectivite', 'association', 'etat', 'autre')),
    nom         TEXT NOT NULL,
    siret       TEXT UNIQUE,
    secteur     TEXT NOT NULL DEFAULT '',
    adresse     TEXT NOT NULL DEFAULT '',
    code_postal TEXT NOT NULL DEFAULT '',
    commune     TEXT NOT NULL DEFAULT '',
    recherche   TEXT NOT NULL DEFAULT ''
);

-- Seules des coordonnées professionnelles : rattachement à une organisation ou à un établissement.
CREATE TABLE personne (
    id               INTEGER PRIMARY KEY,
    civilite         TEXT NOT NULL CHECK (civilite IN ('M.', 'Mme', '')),  -- '' : non renseignée (imports)
    nom              TEXT NOT NULL,
    prenom           TEXT NOT NULL,
    fonction         TEXT NOT NULL DEFAULT '',
    organisation_id  INTEGER REFERENCES organisation(id),
    etablissement_id INTEGER REFERENCES etablissement(id),
    email            TEXT NOT NULL DEFAULT '',
    telephone        TEXT NOT NULL DEFAULT '',
    recherche        TEXT NOT NULL DEFAULT '',
    CHECK (organisation_id IS NULL OR etablissement_id IS NULL)
);
CREATE INDEX personne_organisation ON personne(organisation_id);
CREATE INDEX personne_etablissement ON personne(etablissement_id);
