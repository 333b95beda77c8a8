// A host page's script: registers the elements from the installed package.
import 'tollgate/elements'
