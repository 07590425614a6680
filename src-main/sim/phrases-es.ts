import type { TopicPhrases, TopicKey } from './topic-phrases';

/**
 * Spanish contact-center phrasing, Colombian register. Accented words (atención, facturación, contraseña,
 * devolución, garantía…) are deliberate: accent-insensitive search is tested against them.
 * Placeholders: {name} {order} {amount} {agent} {last4} {date}.
 */
export const PHRASES_ES: Record<TopicKey, TopicPhrases> = {
  billing: {
    subjects: ['Cobro duplicado en mi tarjeta', 'Solicitud de factura electrónica', 'Error en la facturación del mes', 'Valor incorrecto en la factura {order}'],
    openers: ['Buenos días, les escribo porque', 'Hola, necesito ayuda urgente:', 'Señores Tienda Aurora, cordial saludo.', 'Buenas tardes, mi nombre es {name} y'],
    details: [
      'me cobraron dos veces el pedido {order} por ${amount} en la tarjeta terminada en {last4}.',
      'necesito la factura electrónica del pedido {order} a nombre de mi empresa, con NIT.',
      'la facturación de este mes llegó con un valor de ${amount} que no reconozco.',
      'el descuento prometido no aparece en la factura y pagué ${amount} de más.',
    ],
    followUps: ['Sigo esperando la respuesta sobre el cobro duplicado.', '¿Ya revisaron mi caso de facturación? Han pasado varias horas.', 'Adjunto el extracto bancario donde se ve el doble cobro.'],
    answers: [
      'Hola {name}, soy {agent}. Verificamos el cobro duplicado y ya solicitamos el reverso de ${amount}; se verá reflejado en 5 a 8 días hábiles.',
      'Buen día {name}. Le enviamos la factura electrónica del pedido {order} al correo registrado. Gracias por su paciencia.',
      'Estimado(a) {name}, revisamos la facturación y aplicamos el ajuste correspondiente. Quedamos atentos.',
    ],
    comments: ['Se escala a cartera para reverso.', 'Cliente molesto, se ofrece bono de disculpa.', 'Factura reenviada, caso resuelto en primer contacto.'],
  },
  delivery: {
    subjects: ['¿Dónde está mi pedido {order}?', 'Pedido retrasado', 'Producto llegó dañado', 'Cambio de dirección de entrega'],
    openers: ['Hola, buenas noches.', 'Buen día,', '¡Hola!', 'Cordial saludo, soy {name}.'],
    details: [
      'mi pedido {order} debía llegar el {date} y todavía no tengo ninguna información de la transportadora.',
      'el paquete llegó con la caja rota y el producto dañado, necesito el cambio.',
      'quiero cambiar la dirección de entrega del pedido {order} porque me voy a trasladar.',
      'la guía dice "entregado" pero yo no he recibido nada, ni el portero.',
    ],
    followUps: ['¿Alguna novedad con mi pedido?', 'Ya van tres días y nada, esto es una falta de respeto.', 'Les envío fotos del empaque dañado.'],
    answers: [
      'Hola {name}, te saluda {agent}. Tu pedido {order} está en ruta y llegará mañana antes de las 6 p. m.',
      'Lamentamos lo ocurrido, {name}. Programamos la recogida del producto dañado y el envío de uno nuevo sin costo.',
      'Actualizamos la dirección de entrega del pedido {order}. ¡Gracias por avisarnos!',
    ],
    comments: ['Se abre novedad con la transportadora.', 'Entrega reprogramada.', 'Se genera orden de cambio por daño en transporte.'],
  },
  password: {
    subjects: ['No puedo entrar a mi cuenta', 'Olvidé mi contraseña', 'Cuenta bloqueada', 'Cambio de contraseña'],
    openers: ['Hola,', 'Buenas,', 'Ayuda por favor:', 'Buenos días, soy {name}.'],
    details: [
      'olvidé mi contraseña y el correo de recuperación nunca llega.',
      'mi cuenta quedó bloqueada después de varios intentos y no puedo ver mis pedidos.',
      'quiero cambiar la contraseña porque creo que alguien entró a mi cuenta.',
      'el código de verificación que me llega por SMS no funciona.',
    ],
    followUps: ['Sigo sin poder ingresar.', 'Ya intenté de nuevo y el enlace dice que expiró.', 'Gracias, ¿me pueden confirmar cuando esté listo?'],
    answers: [
      'Hola {name}, soy {agent}. Te enviamos un enlace para restablecer la contraseña; es válido por 30 minutos.',
      'Desbloqueamos tu cuenta, {name}. Por seguridad, cambia la contraseña al ingresar.',
      'Por tu seguridad cerramos todas las sesiones activas. Ya puedes crear una contraseña nueva.',
    ],
    comments: ['Validación de identidad OK.', 'Posible acceso no autorizado, se reporta a seguridad.', 'Enlace reenviado.'],
  },
  complaint: {
    subjects: ['Queja por mala atención', 'Reclamo formal', 'Pésimo servicio', 'Quiero hablar con un supervisor'],
    openers: ['Estoy muy molesto.', 'Quiero dejar constancia de mi inconformidad:', 'Es la tercera vez que escribo.', 'Señores, con todo respeto,'],
    details: [
      'la atención que recibí ayer en la tienda fue pésima y nadie me dio solución.',
      'llevo más de una hora esperando en la línea y nadie contesta.',
      'el asesor me colgó la llamada sin resolver mi problema con el pedido {order}.',
      'radico un reclamo formal (PQR) porque no han cumplido lo prometido.',
    ],
    followUps: ['Exijo una respuesta hoy mismo.', 'Si no me responden, acudiré a la Superintendencia de Industria y Comercio.', '¿Hay alguien atendiendo este canal?'],
    answers: [
      '{name}, lamentamos mucho tu experiencia. Soy {agent}, supervisora del turno, y ya escalé tu caso con prioridad alta.',
      'Registramos tu PQR con el radicado {order}. Te daremos respuesta de fondo en máximo 15 días hábiles.',
      'Ofrecemos disculpas por la atención recibida. Como compensación, te enviamos un bono de ${amount}.',
    ],
    comments: ['Caso sensible: escalado a supervisor.', 'PQR radicada.', 'Se ofrece compensación.'],
  },
  refund: {
    subjects: ['Solicitud de devolución', 'Reembolso pendiente', 'Quiero devolver un producto', 'Devolución del dinero'],
    openers: ['Hola,', 'Buenas tardes.', 'Saludos,', 'Hola, soy {name}:'],
    details: [
      'quiero devolver el producto del pedido {order} porque no era la talla correcta.',
      'hace dos semanas hice la devolución y todavía no veo el reembolso de ${amount}.',
      'el producto no funciona y quiero la devolución del dinero, no un cambio.',
      '¿cuál es el plazo para hacer una devolución de un artículo en promoción?',
    ],
    followUps: ['¿Ya aprobaron mi devolución?', 'Ya entregué el producto en la tienda.', 'Necesito el número de radicado, por favor.'],
    answers: [
      'Hola {name}. Aprobamos la devolución del pedido {order}; el reembolso de ${amount} llegará en 8 días hábiles.',
      'Hola {name}, soy {agent}. El plazo de devolución es de 30 días; tu compra está dentro del plazo.',
      'Lo sentimos, {name}: el plazo de devolución venció el {date}. Podemos ofrecerte revisión por garantía.',
    ],
    comments: ['Reembolso aprobado.', 'Fuera de plazo, se ofrece garantía.', 'Pendiente recepción en bodega.'],
  },
  product: {
    subjects: ['Disponibilidad de producto', 'Pregunta sobre garantía', 'Información de producto', '¿Tienen envío a mi ciudad?'],
    openers: ['Hola!', 'Buenas, una pregunta:', 'Buenos días,', 'Hola, qué tal.'],
    details: [
      '¿tienen disponible la nevera de la promoción en color gris?',
      '¿cuánto dura la garantía del televisor y qué cubre exactamente?',
      '¿hacen envíos a Pasto o a San Andrés? ¿cuánto cuesta?',
      '¿el producto trae instalación incluida o se paga aparte?',
    ],
    followUps: ['¿Me pueden confirmar el precio?', 'Gracias, ¿y en cuotas?', 'Ok, entonces lo compro hoy.'],
    answers: [
      '¡Hola {name}! Sí tenemos disponibilidad; te comparto el enlace de compra. Atentamente, {agent}.',
      'La garantía es de 12 meses por defectos de fábrica, {name}. No cubre daños por mal uso.',
      'Sí hacemos envíos a todo el país; el costo depende de la ciudad y se calcula al pagar.',
    ],
    comments: ['Consulta resuelta.', 'Posible venta, se comparte enlace.', 'Sin stock, se toma dato de contacto.'],
  },
  cancellation: {
    subjects: ['Cancelar suscripción', 'Quiero cancelar mi pedido', 'Dar de baja el servicio', 'Cancelación de la membresía'],
    openers: ['Hola,', 'Buen día,', 'Por favor', 'Cordialmente solicito:'],
    details: [
      'quiero cancelar la suscripción porque me siguen cobrando ${amount} cada mes.',
      'cancelen el pedido {order}, ya no lo necesito.',
      'denme de baja de la membresía Aurora Plus a partir de hoy.',
      'necesito cancelar la compra antes de que salga a despacho.',
    ],
    followUps: ['¿Ya quedó cancelado?', 'No quiero ofertas, solo la cancelación.', 'Confírmenme por escrito, por favor.'],
    answers: [
      'Hola {name}, cancelamos tu suscripción; no se generarán más cobros.',
      'Entendemos, {name}. Antes de cancelar te ofrecemos tres meses sin costo. ¿Te interesa?',
      'El pedido {order} fue cancelado y el dinero será devuelto en 5 días hábiles. Atentamente, {agent}.',
    ],
    comments: ['Cancelación procesada.', 'Cliente acepta oferta de retención.', 'Pedido detenido antes de despacho.'],
  },
};
