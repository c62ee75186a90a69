// One video consultation in this browser: camera and microphone, the signalling WebSocket (offer, answer, trickled
// ICE, chat), one peer connection per other participant (a mesh: host, patient and guests each send their media to
// every other), reconnecting after a drop. Plain WebRTC; media goes peer to peer, never through the server. Shared by
// the portal, the workspace and the guest page; `ticket()` is how each asks for a ticket.
//
// Who offers, so that two sides never offer at once: the participant already in the room offers to each newcomer
// (the server's peer-joined), the newcomer answers. After a drop the same page comes back with the same client id
// (`from.client`): those present restart ICE on the connection they already have instead of starting a new one.
// Signalling to one peer is addressed (`to`: its connection id, `from.id`); the server relays it to that peer only.

const RECONNECT_MS = [500, 1000, 2000, 4000, 8000];
// "disconnected" often heals by itself within a second or two; after this, restart ICE.
const DISCONNECTED_GRACE_MS = 2500;
// A peer whose signalling connection left: kept this long (its media may still flow) in case it comes back.
const LEFT_GRACE_MS = 8000;
// After our own reconnect, everyone present offers to us; a peer that does not within this is gone.
const STALE_MS = 10000;

/** The other participant's browser: its connection id now (null while it is away), who it is, our link to it. */
class Peer {
  constructor(key, from, polite) {
    this.key = key;
    this.id = from.id || null;
    this.role = from.role || '';
    this.name = from.name || '';
    this.polite = polite; // who received the first offer yields on a collision; who made it does not
    this.pc = null;
    this.remote = new MediaStream();
    this.pendingIce = [];
    this.makingOffer = false;
    this.connected = false;
    this.stale = false;
    this.leftTimer = null;
  }
}

/**
 * States: idle, media, connecting, waiting (patient not admitted yet), joined (in the room, no peer), in-call (media
 * with at least one peer), reconnecting, ended, left, refused. `onChange()` is called after every change; the page
 * redraws from the fields. `events` lists who joined and left (for the host's "Interpreter joined" line).
 */
export class Call {
  /**
   * @param opts.ticket async () => {ticket, path, iceServers}: a signalling ticket from the REST API
   * @param opts.role   'HOST', 'PATIENT' or 'GUEST' (this side)
   */
  constructor({ ticket, role, onChange }) {
    this.ticket = ticket;
    this.role = role;
    this.onChange = onChange || (() => {});
    this.clientId = crypto.randomUUID(); // this page's instance: a reloaded page is a new peer, not a reconnection
    this.state = 'idle';
    this.local = null;
    this.audioOnly = false;
    this.cameraFailed = false;
    this.muted = false;
    this.cameraOff = false;
    this.messages = [];
    this.events = [];
    this.peers = new Map();
    this.selfId = null;
    this.error = '';
    this.roomFull = false;
    this.socket = null;
    this.iceServers = [];
    this.attempt = 0;
    this.iceRestarts = 0;
    this.wasInCall = false;
    this.closed = false;
    // For the browser test (and a curious support engineer): the live connections and their statistics.
    window.__pavilionCall = this;
  }

  set(fields) {
    Object.assign(this, fields);
    this.onChange();
  }

  /** The other participants, in the order they came. */
  get others() {
    return [...this.peers.values()];
  }

  /** The first peer's connection (a two-party call's only one); null before anyone is there. */
  get pc() {
    const first = this.others.find((p) => p.pc);
    return first ? first.pc : null;
  }

  /** Camera and microphone; without a camera (or when it fails) audio only. */
  async openMedia() {
    if (this.local) return;
    this.set({ state: 'media' });
    try {
      this.local = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
    } catch (videoFailure) {
      try {
        this.local = await navigator.mediaDevices.getUserMedia({ audio: true });
        this.audioOnly = true;
        this.cameraFailed = true;
      } catch (audioFailure) {
        // Neither: the call still works to see and hear the others.
        this.local = new MediaStream();
        this.audioOnly = true;
        this.cameraFailed = true;
      }
    }
    this.onChange();
  }

  /** Opens the signalling connection with a fresh ticket. */
  async connect() {
    if (this.closed) return;
    this.set({ state: this.state === 'in-call' || this.attempt > 0 ? 'reconnecting' : 'connecting' });
    let access;
    try {
      access = await this.ticket();
    } catch (err) {
      const type = err && err.problem && String(err.problem.type || '');
      if (err && (err.status === 409 || err.status === 410 || type.endsWith(':consultation-ended'))) {
        this.finish('ended', err); // the consultation is over: nothing to reconnect to
        return;
      }
      if (err && (err.status === 401 || err.status === 403 || err.status === 404)) {
        this.finish('refused', err); // no longer ours
        return;
      }
      this.retry();
      return;
    }
    if (this.closed) return;
    this.iceServers = access.iceServers || [];
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const path = `${access.path}${access.path.includes('?') ? '&' : '?'}client=${encodeURIComponent(this.clientId)}`;
    const socket = new WebSocket(`${scheme}//${location.host}${path}`);
    this.socket = socket;
    socket.onmessage = (e) => this.receive(e.data);
    socket.onclose = (e) => this.socketClosed(socket, e);
  }

  retry() {
    if (this.closed) return;
    const wait = RECONNECT_MS[Math.min(this.attempt, RECONNECT_MS.length - 1)];
    this.attempt++;
    this.set({ state: 'reconnecting' });
    setTimeout(() => this.connect(), wait);
  }

  socketClosed(socket, e) {
    if (socket !== this.socket || this.closed) return;
    this.socket = null;
    if (e.code === 1008 && e.reason !== 'too many messages') {
      this.finish('refused');
    } else if (e.code === 1000 && this.state === 'ended') {
      this.finish('ended');
    } else {
      // A drop (network, a restarted proxy): a new ticket and a new socket; the consultation stays in call.
      this.retry();
    }
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  /** Signalling meant for one peer only; nothing while it is away (it gets a fresh offer when it is back). */
  sendTo(peer, message) {
    return peer.id ? this.send({ ...message, to: peer.id }) : false;
  }

  async receive(text) {
    let m;
    try {
      m = JSON.parse(text);
    } catch (e) {
      return;
    }
    if (m.to && this.selfId && m.to !== this.selfId) return; // the server addresses; this is only a safeguard
    const from = m.from || {};
    switch (m.type) {
      case 'welcome':
        this.welcome(m);
        break;
      case 'admitted':
        this.set({ state: 'joined' });
        break;
      case 'peer-joined':
        await this.peerJoined(from);
        break;
      case 'peer-left':
        this.peerLeft(from);
        break;
      case 'offer':
        await this.takeOffer(this.peerOf(from, true), m);
        break;
      case 'answer':
        await this.takeAnswer(this.peerOf(from, false), m);
        break;
      case 'ice':
        await this.takeIce(this.peerOf(from, false), m);
        break;
      case 'chat':
        this.messages.push({ own: false, role: from.role || '', name: from.name || '', text: String(m.text || ''),
          at: new Date() });
        this.onChange();
        break;
      case 'bye': {
        const peer = this.peerOf(from, false);
        if (peer) this.dropPeer(peer, true);
        break;
      }
      case 'ended':
        this.set({ state: 'ended' });
        break;
      case 'error':
        this.set({ error: m.code || 'error', roomFull: this.roomFull || m.code === 'room-full' });
        break;
      default:
        break;
    }
  }

  welcome(m) {
    this.selfId = m.id;
    this.attempt = 0;
    if (m.state === 'WAITING') {
      this.set({ state: 'waiting' });
      return;
    }
    if (this.peers.size) {
      // Back after a drop: those still here offer to us (an ICE restart); anyone who does not has gone.
      for (const p of this.peers.values()) p.stale = true;
      setTimeout(() => {
        for (const p of this.others) if (p.stale) this.dropPeer(p, true);
      }, STALE_MS);
    }
    this.updateState(this.peers.size ? 'reconnecting' : 'joined');
  }

  /** The peer a message is from: by its page (`from.client`), else its connection; created for a first offer. */
  peerOf(from, create) {
    const key = from.client || from.id;
    if (!key) return null;
    let peer = this.peers.get(key);
    if (!peer && create) {
      peer = new Peer(key, from, true); // someone who was here before us: no "joined" line for them
      this.peers.set(key, peer);
    }
    if (peer) this.backFrom(peer, from);
    return peer;
  }

  /** A message from a peer: it is here, under this connection id. */
  backFrom(peer, from) {
    peer.stale = false;
    if (from.id) peer.id = from.id;
    if (from.name) peer.name = from.name;
    if (peer.leftTimer) {
      clearTimeout(peer.leftTimer);
      peer.leftTimer = null;
    }
  }

  /** Someone entered the room: we were here first, so we offer (to a page we know: an ICE restart). */
  async peerJoined(from) {
    const key = from.client || from.id;
    if (!key) return;
    let peer = this.peers.get(key);
    if (!peer) {
      peer = new Peer(key, from, false);
      this.peers.set(key, peer);
      this.events.push({ kind: 'joined', role: peer.role, name: peer.name, at: new Date() });
    }
    // A known page keeps the politeness it had: the two ends of one connection must never both insist.
    this.backFrom(peer, from);
    this.onChange();
    await this.offer(peer);
  }

  /** Someone's signalling connection closed: a drop (it may come back) or gone; media may flow meanwhile. */
  peerLeft(from) {
    const peer = this.others.find((p) => p.id === from.id);
    if (!peer) return;
    peer.id = null;
    peer.leftTimer = setTimeout(() => {
      if (this.peers.get(peer.key) === peer && !peer.id) this.dropPeer(peer, true);
    }, LEFT_GRACE_MS);
    this.updateState();
  }

  /** in-call while media flows with anyone; else joined (nobody here) or reconnecting. */
  updateState(otherwise) {
    if (['ended', 'left', 'refused', 'waiting', 'media', 'idle'].includes(this.state) && !otherwise) {
      this.onChange();
      return;
    }
    let state;
    if (this.others.some((p) => p.connected)) state = 'in-call';
    else if (!this.peers.size) state = 'joined';
    else state = otherwise || (this.wasInCall ? 'reconnecting' : 'connecting');
    if (state === 'in-call') this.wasInCall = true;
    this.set({ state });
  }

  connection(peer) {
    if (peer.pc) return peer.pc;
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    peer.pc = pc;
    peer.remote = new MediaStream();
    for (const track of this.local ? this.local.getTracks() : []) pc.addTrack(track, this.local);
    // Without a camera we still receive the others' video.
    if (!this.local || this.local.getVideoTracks().length === 0) pc.addTransceiver('video', { direction: 'recvonly' });
    if (!this.local || this.local.getAudioTracks().length === 0) pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.ontrack = (e) => {
      if (!peer.remote.getTracks().includes(e.track)) peer.remote.addTrack(e.track);
      this.onChange();
    };
    pc.onicecandidate = (e) => {
      if (e.candidate) this.sendTo(peer, { type: 'ice', candidate: e.candidate.toJSON() });
    };
    pc.onconnectionstatechange = () => {
      if (pc !== peer.pc) return;
      peer.connected = pc.connectionState === 'connected';
      if (peer.connected) this.attempt = 0;
      this.updateState();
    };
    pc.oniceconnectionstatechange = () => {
      if (pc !== peer.pc) return;
      const s = pc.iceConnectionState;
      if (s === 'failed') {
        this.restartIce(peer);
      } else if (s === 'disconnected') {
        this.updateState();
        setTimeout(() => {
          if (pc === peer.pc && pc.iceConnectionState === 'disconnected') this.restartIce(peer);
        }, DISCONNECTED_GRACE_MS);
      }
    };
    return pc;
  }

  /** Closes the link to one peer; `gone`: it left the call (announced, forgotten). */
  dropPeer(peer, gone) {
    if (peer.pc) peer.pc.close();
    peer.pc = null;
    peer.connected = false;
    peer.pendingIce = [];
    if (peer.leftTimer) clearTimeout(peer.leftTimer);
    peer.leftTimer = null;
    if (gone && this.peers.get(peer.key) === peer) {
      this.peers.delete(peer.key);
      this.events.push({ kind: 'left', role: peer.role, name: peer.name, at: new Date() });
    }
    this.updateState();
  }

  /** ICE restart over the signalling socket; with the socket gone, reconnecting it does the restart. */
  restartIce(peer) {
    if (this.closed) return;
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      if (peer.id) this.offer(peer);
    } else if (!this.socket) {
      this.connect();
    }
  }

  async offer(peer) {
    const pc = this.connection(peer);
    try {
      peer.makingOffer = true;
      const restart = !!pc.remoteDescription;
      await pc.setLocalDescription(await pc.createOffer({ iceRestart: restart }));
      if (restart) this.iceRestarts++;
      this.sendTo(peer, { type: 'offer', sdp: pc.localDescription.sdp });
    } catch (err) {
      this.set({ error: 'offer-failed' });
    } finally {
      peer.makingOffer = false;
    }
  }

  async takeOffer(peer, m) {
    if (!peer) return;
    const pc = this.connection(peer);
    const collision = peer.makingOffer || pc.signalingState !== 'stable';
    if (collision && !peer.polite) return; // ours wins; the other side rolls back and answers it
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp }); // rolls our own offer back on a collision
      await this.flushIce(peer);
      await pc.setLocalDescription(await pc.createAnswer());
      this.sendTo(peer, { type: 'answer', sdp: pc.localDescription.sdp });
      this.settled(peer);
    } catch (err) {
      // An offer that does not fit this connection (the other side started over): a new connection answers it.
      this.dropPeer(peer, false);
      const fresh = this.connection(peer);
      await fresh.setRemoteDescription({ type: 'offer', sdp: m.sdp });
      await fresh.setLocalDescription(await fresh.createAnswer());
      this.sendTo(peer, { type: 'answer', sdp: fresh.localDescription.sdp });
    }
  }

  /** After an ICE restart over a connection that never broke (only the socket dropped), no state event comes. */
  settled(peer) {
    if (peer.pc && peer.pc.connectionState === 'connected') {
      peer.connected = true;
      this.updateState();
    }
  }

  async takeAnswer(peer, m) {
    const pc = peer && peer.pc;
    if (!pc || pc.signalingState !== 'have-local-offer') return;
    try {
      await pc.setRemoteDescription({ type: 'answer', sdp: m.sdp });
      await this.flushIce(peer);
      this.settled(peer);
    } catch (err) {
      // An answer that does not fit (the other side's page was reloaded meanwhile): start over with a new connection.
      this.dropPeer(peer, false);
      await this.offer(peer);
    }
  }

  async takeIce(peer, m) {
    if (!peer || !m.candidate) return;
    if (!peer.pc || !peer.pc.remoteDescription) {
      peer.pendingIce.push(m.candidate);
      return;
    }
    try {
      await peer.pc.addIceCandidate(m.candidate);
    } catch (err) {
      // A candidate of an older ICE generation after a restart: harmless, dropped.
    }
  }

  async flushIce(peer) {
    const waiting = peer.pendingIce;
    peer.pendingIce = [];
    for (const candidate of waiting) {
      try {
        await peer.pc.addIceCandidate(candidate);
      } catch (err) {
        // as above
      }
    }
  }

  chat(text) {
    const clean = String(text || '').trim();
    if (!clean) return false;
    if (!this.send({ type: 'chat', text: clean })) return false;
    this.messages.push({ own: true, name: '', text: clean, at: new Date() });
    this.onChange();
    return true;
  }

  toggleMute() {
    this.muted = !this.muted;
    for (const t of this.local ? this.local.getAudioTracks() : []) t.enabled = !this.muted;
    this.onChange();
  }

  toggleCamera() {
    this.cameraOff = !this.cameraOff;
    for (const t of this.local ? this.local.getVideoTracks() : []) t.enabled = !this.cameraOff;
    this.onChange();
  }

  /** Audio only on a poor connection: the camera is released and no video is sent (no renegotiation needed). */
  async audioOnlyNow() {
    if (this.audioOnly) return;
    for (const peer of this.others) {
      for (const sender of peer.pc ? peer.pc.getSenders() : []) {
        if (sender.track && sender.track.kind === 'video') await sender.replaceTrack(null);
      }
    }
    for (const t of this.local ? this.local.getVideoTracks() : []) {
      t.stop();
      this.local.removeTrack(t);
    }
    this.set({ audioOnly: true });
  }

  /** Hangs up here: the peer connections, the socket and the camera are closed. */
  leave() {
    this.send({ type: 'bye' });
    this.finish(this.state === 'ended' ? 'ended' : 'left');
  }

  finish(state, err) {
    this.closed = true;
    for (const peer of this.others) {
      if (peer.pc) peer.pc.close();
      if (peer.leftTimer) clearTimeout(peer.leftTimer);
    }
    this.peers.clear();
    if (this.socket) {
      const s = this.socket;
      this.socket = null;
      s.close(1000);
    }
    for (const t of this.local ? this.local.getTracks() : []) t.stop();
    this.local = null;
    if (window.__pavilionCall === this) window.__pavilionCall = null;
    this.set({ state, error: err ? (err.status || 'error') : this.error });
  }
}
