// Field errors in the section's four languages, by the worker's machine code (SPEC §2).
// They live in the edit view's chunk, beside the form that shows them, not in the
// strings-<lang> tables: English ships inside the list view, whose 25 KB budget (and each
// language's 3 KB) has no room for some thirty messages the list never shows.
import type { FieldErrorCode } from '../../contract/api-tokens'

/** The messages of one language: one per code, the entry-naming IP variants, a fallback. */
export type FieldErrorStrings = Record<
  | FieldErrorCode
  | 'ipInvalidEntry'
  | 'ipHostBitsEntry'
  | 'fallback'
  | 'charactersLeft'
  | 'charactersOver'
  | 'restrictions'
  | 'nameRequired'
  | 'dateRequired'
  | 'notGrantable'
  | 'metaDuplicate'
  | 'metaTooLong'
  | 'creditsInvalid',
  string
>

const en: FieldErrorStrings = {
  required: 'This field is required',
  too_long: 'At most {max} characters ({count} entered)',
  invalid_value: 'This value is not valid',
  name_taken: 'Another token already has this name',
  invalid_type: 'Choose one of the token types',
  invalid_lifespan: 'Choose one of the durations',
  invalid_date: 'Enter a valid date',
  expiry_passed: 'Choose a date in the future',
  expiry_too_far: 'Choose a date at most 10 years ahead',
  lifespan_or_expiry: 'Choose a duration or a date, not both',
  permissions_not_allowed: 'Only Custom tokens take permissions',
  permissions_missing: 'Choose at least one permission for a Custom token',
  unknown_permissions: 'Some permissions no longer exist: untick them',
  unknown_field: 'This field cannot be saved here',
  invisible_characters: 'Remove the invisible or control characters',
  ip_invalid: 'An entry is not an IP address or CIDR range',
  ipInvalidEntry: '“{entry}” is not an IP address or CIDR range',
  ip_host_bits: 'A range has bits set past its prefix',
  ipHostBitsEntry: '“{entry}” has bits set past its prefix: did you mean {network}?',
  too_many_ips: 'Enter at most {max} addresses or ranges ({count} entered)',
  unknown_tier: 'This rate limit no longer exists: choose another',
  owner_invalid: 'Use 1 to 128 visible ASCII characters, without spaces',
  owner_not_allowed: 'Your account cannot choose an owner',
  invalid_grace_period: 'Choose a grace period from the list',
  // Grant policy (SPEC §13): a lifetime beyond MAX_LIFESPAN_DAYS.
  beyond_max_lifespan: 'Longer than allowed here: choose a shorter duration or an earlier date',
  charactersLeft: '{count} characters left',
  charactersOver: '{count} characters too many',
  restrictions: 'Restrictions',
  nameRequired: 'Name is required',
  dateRequired: 'Choose an expiration date',
  // Grant policy (SPEC §13): rights beyond the admin's `grantable` list (a 403).
  notGrantable: 'Not yours to grant: {rights}',
  // Metadata and credits in the form (SPEC §13).
  metaDuplicate: 'The key “{key}” is used twice',
  metaTooLong: 'At most {max} bytes ({count} entered)',
  creditsInvalid: 'Enter a whole number from 0 to {max}',
  fallback: 'This value was refused',
}

const fr: FieldErrorStrings = {
  required: 'Ce champ est obligatoire',
  too_long: '{max} caractères au plus ({count} saisis)',
  invalid_value: 'Cette valeur n’est pas valide',
  name_taken: 'Un autre jeton porte déjà ce nom',
  invalid_type: 'Choisissez l’un des types de jeton',
  invalid_lifespan: 'Choisissez l’une des durées',
  invalid_date: 'Saisissez une date valide',
  expiry_passed: 'Choisissez une date future',
  expiry_too_far: 'Choisissez une date dans les 10 ans à venir',
  lifespan_or_expiry: 'Choisissez une durée ou une date, pas les deux',
  permissions_not_allowed: 'Seuls les jetons personnalisés ont des autorisations',
  permissions_missing: 'Choisissez au moins une autorisation pour un jeton personnalisé',
  unknown_permissions: 'Certaines autorisations n’existent plus : décochez-les',
  unknown_field: 'Ce champ ne peut pas être enregistré ici',
  invisible_characters: 'Retirez les caractères invisibles ou de contrôle',
  ip_invalid: 'Une entrée n’est ni une adresse IP ni une plage CIDR',
  ipInvalidEntry: '« {entry} » n’est ni une adresse IP ni une plage CIDR',
  ip_host_bits: 'Une plage a des bits au-delà de son préfixe',
  ipHostBitsEntry: '« {entry} » a des bits au-delà de son préfixe : vouliez-vous dire {network} ?',
  too_many_ips: 'Saisissez au plus {max} adresses ou plages ({count} saisies)',
  unknown_tier: 'Cette limite de débit n’existe plus : choisissez-en une autre',
  owner_invalid: 'Utilisez de 1 à 128 caractères ASCII visibles, sans espace',
  owner_not_allowed: 'Votre compte ne peut pas choisir de propriétaire',
  invalid_grace_period: 'Choisissez un délai de grâce dans la liste',
  // Grant policy (SPEC §13): a lifetime beyond MAX_LIFESPAN_DAYS.
  beyond_max_lifespan:
    'Plus long que ce qui est autorisé ici : choisissez une durée plus courte ou une date plus proche',
  charactersLeft: '{count} caractères restants',
  charactersOver: '{count} caractères en trop',
  restrictions: 'Restrictions',
  nameRequired: 'Le nom est obligatoire',
  dateRequired: 'Choisissez une date d’expiration',
  // Grant policy (SPEC §13): rights beyond the admin's `grantable` list (a 403).
  notGrantable: 'Vous ne pouvez pas accorder : {rights}',
  // Metadata and credits in the form (SPEC §13).
  metaDuplicate: 'La clé « {key} » est utilisée deux fois',
  metaTooLong: '{max} octets au plus ({count} saisis)',
  creditsInvalid: 'Saisissez un nombre entier de 0 à {max}',
  fallback: 'Cette valeur a été refusée',
}

const de: FieldErrorStrings = {
  required: 'Dieses Feld ist erforderlich',
  too_long: 'Höchstens {max} Zeichen ({count} eingegeben)',
  invalid_value: 'Dieser Wert ist ungültig',
  name_taken: 'Ein anderes Token hat bereits diesen Namen',
  invalid_type: 'Wählen Sie einen der Token-Typen',
  invalid_lifespan: 'Wählen Sie eine der Laufzeiten',
  invalid_date: 'Geben Sie ein gültiges Datum ein',
  expiry_passed: 'Wählen Sie ein Datum in der Zukunft',
  expiry_too_far: 'Wählen Sie ein Datum höchstens 10 Jahre im Voraus',
  lifespan_or_expiry: 'Wählen Sie eine Laufzeit oder ein Datum, nicht beides',
  permissions_not_allowed: 'Nur benutzerdefinierte Tokens haben Berechtigungen',
  permissions_missing: 'Wählen Sie mindestens eine Berechtigung für ein benutzerdefiniertes Token',
  unknown_permissions: 'Einige Berechtigungen gibt es nicht mehr: Entfernen Sie die Haken',
  unknown_field: 'Dieses Feld kann hier nicht gespeichert werden',
  invisible_characters: 'Entfernen Sie unsichtbare oder Steuerzeichen',
  ip_invalid: 'Ein Eintrag ist weder eine IP-Adresse noch ein CIDR-Bereich',
  ipInvalidEntry: '„{entry}“ ist weder eine IP-Adresse noch ein CIDR-Bereich',
  ip_host_bits: 'Ein Bereich hat Bits nach seinem Präfix gesetzt',
  ipHostBitsEntry: '„{entry}“ hat Bits nach seinem Präfix gesetzt: Meinten Sie {network}?',
  too_many_ips: 'Höchstens {max} Adressen oder Bereiche angeben ({count} angegeben)',
  unknown_tier: 'Diese Ratenbegrenzung gibt es nicht mehr: Wählen Sie eine andere',
  owner_invalid: 'Verwenden Sie 1 bis 128 sichtbare ASCII-Zeichen ohne Leerzeichen',
  owner_not_allowed: 'Ihr Konto kann keinen Eigentümer wählen',
  invalid_grace_period: 'Wählen Sie eine Übergangsfrist aus der Liste',
  // Grant policy (SPEC §13): a lifetime beyond MAX_LIFESPAN_DAYS.
  beyond_max_lifespan:
    'Länger als hier erlaubt: Wählen Sie eine kürzere Dauer oder ein früheres Datum',
  charactersLeft: 'Noch {count} Zeichen',
  charactersOver: '{count} Zeichen zu viel',
  restrictions: 'Einschränkungen',
  nameRequired: 'Der Name ist erforderlich',
  dateRequired: 'Wählen Sie ein Ablaufdatum',
  // Grant policy (SPEC §13): rights beyond the admin's `grantable` list (a 403).
  notGrantable: 'Dürfen Sie nicht vergeben: {rights}',
  // Metadata and credits in the form (SPEC §13).
  metaDuplicate: 'Der Schlüssel „{key}“ kommt doppelt vor',
  metaTooLong: 'Höchstens {max} Byte ({count} eingegeben)',
  creditsInvalid: 'Geben Sie eine ganze Zahl von 0 bis {max} ein',
  fallback: 'Dieser Wert wurde abgelehnt',
}

const es: FieldErrorStrings = {
  required: 'Este campo es obligatorio',
  too_long: 'Como máximo {max} caracteres ({count} escritos)',
  invalid_value: 'Este valor no es válido',
  name_taken: 'Otro token ya tiene este nombre',
  invalid_type: 'Elija uno de los tipos de token',
  invalid_lifespan: 'Elija una de las duraciones',
  invalid_date: 'Introduzca una fecha válida',
  expiry_passed: 'Elija una fecha futura',
  expiry_too_far: 'Elija una fecha dentro de los próximos 10 años',
  lifespan_or_expiry: 'Elija una duración o una fecha, no ambas',
  permissions_not_allowed: 'Solo los tokens personalizados tienen permisos',
  permissions_missing: 'Elija al menos un permiso para un token personalizado',
  unknown_permissions: 'Algunos permisos ya no existen: desmárquelos',
  unknown_field: 'Este campo no se puede guardar aquí',
  invisible_characters: 'Quite los caracteres invisibles o de control',
  ip_invalid: 'Una entrada no es una dirección IP ni un rango CIDR',
  ipInvalidEntry: '«{entry}» no es una dirección IP ni un rango CIDR',
  ip_host_bits: 'Un rango tiene bits activados más allá de su prefijo',
  ipHostBitsEntry: '«{entry}» tiene bits más allá de su prefijo: ¿quería decir {network}?',
  too_many_ips: 'Introduzca como máximo {max} direcciones o rangos ({count} introducidos)',
  unknown_tier: 'Este límite de frecuencia ya no existe: elija otro',
  owner_invalid: 'Use de 1 a 128 caracteres ASCII visibles, sin espacios',
  owner_not_allowed: 'Su cuenta no puede elegir un propietario',
  invalid_grace_period: 'Elija un periodo de gracia de la lista',
  // Grant policy (SPEC §13): a lifetime beyond MAX_LIFESPAN_DAYS.
  beyond_max_lifespan:
    'Más largo de lo permitido aquí: elige una duración más corta o una fecha más próxima',
  charactersLeft: 'Quedan {count} caracteres',
  charactersOver: '{count} caracteres de más',
  restrictions: 'Restricciones',
  nameRequired: 'El nombre es obligatorio',
  dateRequired: 'Elija una fecha de caducidad',
  // Grant policy (SPEC §13): rights beyond the admin's `grantable` list (a 403).
  notGrantable: 'No puedes conceder: {rights}',
  // Metadata and credits in the form (SPEC §13).
  metaDuplicate: 'La clave «{key}» está repetida',
  metaTooLong: 'Como máximo {max} bytes ({count} escritos)',
  creditsInvalid: 'Introduzca un número entero de 0 a {max}',
  fallback: 'Este valor fue rechazado',
}

/** The built-in languages' field error messages, by language. */
export const FIELD_ERROR_STRINGS: Readonly<Record<string, FieldErrorStrings>> = { en, fr, de, es }
